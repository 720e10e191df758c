#!/usr/bin/env node
// Waits until the machine is quiet: whole-machine CPU use below --max-busy (a fraction of all
// cores) in --windows consecutive 5-second windows, or gives up after --max-wait seconds and says
// so. Benchmarks on a 2-core machine are meaningless while something else keeps a core busy.
import { fmt, log, machineBusy, parseFlags } from './common.mjs';

const flags = parseFlags(process.argv.slice(2), {
  'max-busy': { type: 'string', default: '0.15', help: 'busy fraction of all cores that still counts as quiet' },
  'max-wait': { type: 'int', default: 900, help: 'give up waiting after this many seconds (0: do not wait)' },
  windows: { type: 'int', default: 2, help: 'consecutive quiet 5-second windows needed' },
});
const limit = Number(flags['max-busy']);
const t0 = Date.now();
let quiet = 0;
let last;
let said = false;
while (true) {
  last = await machineBusy(5000);
  if (last === undefined) process.exit(0); // no /proc: cannot tell
  quiet = last <= limit ? quiet + 1 : 0;
  if (quiet >= flags.windows) break;
  const waited = (Date.now() - t0) / 1000;
  if (waited >= flags['max-wait']) {
    log(`WARNING: the machine is still busy (${fmt(last * 100, 0)}% of all cores) after waiting ${fmt(waited, 0)} s; measuring anyway, so expect noisy figures`);
    process.exit(0);
  }
  if (!said && last > limit) {
    log(`waiting for a quiet machine (now ${fmt(last * 100, 0)}% of all cores busy; limit ${fmt(limit * 100, 0)}%, up to ${flags['max-wait']} s) ...`);
    said = true;
  }
}
if (said) log(`machine quiet after ${fmt((Date.now() - t0) / 1000, 0)} s`);
