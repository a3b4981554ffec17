import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conditionalLogit, logisticRegression } from './logistic.js';

test('logisticRegression: learns which feature tells the label and ignores a constant one', () => {
  // y is 1 exactly when the first feature is above 0.5; the second is noise-free but constant
  const data = Array.from({ length: 200 }, (_, i) => { const v = (i % 20) / 20; return { x: [v, 3], y: v > 0.5 ? 1 : 0 }; });
  const m = logisticRegression(data, { iterations: 2000 });
  assert.ok(m.probability([0.9, 3]) > 0.8, `high: ${m.probability([0.9, 3])}`);
  assert.ok(m.probability([0.1, 3]) < 0.2, `low: ${m.probability([0.1, 3])}`);
  assert.ok(Math.abs(m.weights[1]!) < 1e-9, 'a constant feature gets no weight');
});

test('conditionalLogit: picks the candidate with the telling feature; choices whose answer is no candidate teach nothing', () => {
  // candidate features: [said it, named first]; the one that said it is right, wherever it stands
  const choices = Array.from({ length: 40 }, (_, i) => {
    const right = i % 3;
    return { candidates: [0, 1, 2].map((k) => [k === right ? 1 : 0, k === 0 ? 1 : 0]), gold: right };
  });
  const m = conditionalLogit([...choices, { candidates: [[0, 1], [0, 0]], gold: -1 }]);
  assert.equal(m.pick([[0, 1], [1, 0], [0, 0]]), 1);
  assert.equal(m.pick([[1, 1], [0, 0]]), 0);
  assert.ok(m.weights[0]! > m.weights[1]!);
});
