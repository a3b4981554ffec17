// A full garbage collection on demand, for tests that compare the JS heap between rounds
// (the test runner does not start node with --expose-gc; the flag is set here instead).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** Collect garbage now; heapUsed read afterwards is what is still held. */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
