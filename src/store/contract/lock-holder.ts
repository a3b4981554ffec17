// A process that takes the analysis lock and holds it until it is killed: the contract
// kills it with SIGKILL and checks that the lock does not die with it.
// Usage: node --import tsx lock-holder.ts TARGET
import { openStore } from '../open.js';

const store = await openStore(process.argv[2]!);
setInterval(() => {}, 60_000); // a held lock is a pending promise: keep the process alive
await store.exclusive('analysis', () => {
  process.stdout.write('held\n');
  return new Promise<never>(() => {});
});
