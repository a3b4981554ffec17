// The soak's health probe, in a process of its own: a monitor's view of `/api/health`,
// without the load generator's own pauses (its 50 clients, its garbage collections) in
// the figures. Asks every INTERVAL ms on one keep-alive connection and prints one line per
// answer: `<ms since start> <client ms> <status> <server ms>`; ends on SIGTERM. One request
// before the first measured one is not measured: a fresh Node process loads its HTTP client
// (undici) on its first fetch, 200–300 ms at the soak's start, the server answering in
// under 1 ms — the probe's own start, not the server's answer.
const [base, intervalArg] = process.argv.slice(2);
if (!base) throw new Error('usage: health-probe.ts BASE_URL [INTERVAL_MS]');
const interval = Number(intervalArg) || 200;
await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.arrayBuffer()).catch(() => undefined);
const t0 = performance.now();
let running = true;
process.on('SIGTERM', () => { running = false; });
while (running) {
  const t = performance.now();
  let status = 0, server = -1;
  try {
    const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
    await r.arrayBuffer();
    status = r.status;
    server = Number(/dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1] ?? -1);
  } catch { status = 0; }
  process.stdout.write(`${(t - t0).toFixed(0)} ${(performance.now() - t).toFixed(1)} ${status} ${server}\n`);
  await new Promise((res) => setTimeout(res, interval));
}
