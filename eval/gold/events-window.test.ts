// The window gold (v2) and its predecessor (v1): every article in exactly one event, the same
// articles in both, every move listed in events-window-changes.md, and halves drawn by thread;
// and the second window, 13–14 Dec, likewise.
// Run: node --import tsx --test eval/gold/events-window.test.ts
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { halvesOf, loadEventGold, type EventGold } from '../stories.js';

const here = (f: string): string => fileURLToPath(new URL(f, import.meta.url));
const v1 = loadEventGold(here('./events-window-v1.json'));
const v2 = loadEventGold(here('./events-window.json'));

const eventOf = (g: EventGold): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [event, e] of Object.entries(g.events)) for (const m of e.members) {
    assert.ok(!out.has(m), `${m} is in ${out.get(m)} and ${event}`);
    out.set(m, event);
  }
  return out;
};

test('each version labels every article once, in events with a known thread', () => {
  for (const g of [v1, v2]) {
    const of = eventOf(g);
    assert.equal(of.size, 587);
    for (const [event, e] of Object.entries(g.events)) {
      assert.ok(e.members.length > 0, `${event} is empty`);
      assert.ok(g.threads[e.thread], `${event}: unknown thread ${e.thread}`);
    }
  }
  assert.equal(v2.version, 2);
});

test('v1 and v2 label the same articles, and every article that changed event is listed with from and to', () => {
  const a = eventOf(v1), b = eventOf(v2);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  const listed = new Map<string, [string, string]>();
  for (const m of readFileSync(here('./events-window-changes.md'), 'utf8').matchAll(/^\| `([^`]+)` \| `([^`]+)` \| `([^`]+)` \|/gm)) listed.set(m[1]!, [m[2]!, m[3]!]);
  const moved = [...a.keys()].filter((p) => a.get(p) !== b.get(p));
  assert.ok(moved.length > 0);
  assert.deepEqual(moved.sort(), [...listed.keys()].sort());
  for (const p of moved) assert.deepEqual(listed.get(p), [a.get(p), b.get(p)], p);
});

test('halves by thread: every thread in one half, the two big elections apart, sizes close', () => {
  for (const g of [v1, v2]) {
    const halves = halvesOf(g);
    const threadHalf = new Map<string, string>();
    const size = { tune: 0, test: 0 };
    let largest = 0;
    const threadSize = new Map<string, number>();
    for (const [event, e] of Object.entries(g.events)) {
      const h = halves.get(event)!;
      assert.ok(h === 'tune' || h === 'test');
      assert.equal(threadHalf.get(e.thread) ?? h, h, `thread ${e.thread} is split`);
      threadHalf.set(e.thread, h);
      size[h] += e.members.length;
      threadSize.set(e.thread, (threadSize.get(e.thread) ?? 0) + e.members.length);
    }
    for (const n of threadSize.values()) largest = Math.max(largest, n);
    assert.ok(Math.abs(size.tune - size.test) <= largest, `halves ${size.tune} / ${size.test}`);
    assert.notEqual(threadHalf.get('hk-legco-election-2021'), threadHalf.get('tw-referendum-2021'));
    assert.deepEqual(halvesOf(g), halves, 'deterministic');
  }
  // the earlier split by event id puts sibling events of one thread in different halves
  const byEvent = halvesOf(v2, 'event');
  const legco = Object.entries(v2.events).filter(([, e]) => e.thread === 'hk-legco-election-2021').map(([id]) => byEvent.get(id));
  assert.equal(new Set(legco).size, 2);
});

test('13–14 Dec (nineteenth session): every article once, in events with a known thread; halves by thread, sizes close; its notes name every cross-day join', () => {
  const g = loadEventGold(here('./events-window-13-14.json'));
  assert.deepEqual(g.window, ['2021-12-13', '2021-12-14']);
  const of = eventOf(g);
  assert.equal(of.size, 882);
  for (const [event, e] of Object.entries(g.events)) {
    assert.ok(e.members.length > 0, `${event} is empty`);
    assert.ok(g.threads[e.thread], `${event}: unknown thread ${e.thread}`);
  }
  // no article of the other window
  const first = loadEventGold(here('./events-window.json'));
  for (const m of eventOf(first).keys()) assert.ok(!of.has(m), `${m} is in both windows`);
  const halves = halvesOf(g);
  const size = { tune: 0, test: 0 };
  const threadHalf = new Map<string, string>();
  let largest = 0;
  const threadSize = new Map<string, number>();
  for (const [event, e] of Object.entries(g.events)) {
    const h = halves.get(event)!;
    assert.equal(threadHalf.get(e.thread) ?? h, h, `thread ${e.thread} is split`);
    threadHalf.set(e.thread, h);
    size[h as 'tune' | 'test'] += e.members.length;
    threadSize.set(e.thread, (threadSize.get(e.thread) ?? 0) + e.members.length);
  }
  for (const n of threadSize.values()) largest = Math.max(largest, n);
  assert.ok(Math.abs(size.tune - size.test) <= largest, `halves ${size.tune} / ${size.test}`);
  // the join log: every event that holds articles of both days is named in it
  const notes = readFileSync(here('./events-window-13-14-notes.md'), 'utf8');
  const day = (p: string): string => /(\d{4}-\d{2}-\d{2})-/.exec(p)?.[1] ?? '';
  let crossing = 0;
  for (const [event, e] of Object.entries(g.events)) {
    const days = new Set(e.members.map(day).filter(Boolean));
    if (days.size > 1) { crossing++; assert.ok(notes.includes(event), `${event} crosses the days and the notes do not name it`); }
  }
  assert.ok(crossing >= 20, `${crossing} events cross the days`);
});
