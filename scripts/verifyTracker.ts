/**
 * `npm run -s tracker:verify -- <url|file> [--root hex] [--receipt r]`:
 * checks a published tracker (see docs/tracker.md) and prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyTracker } from '../shared/common/crypto/index.js';
import type { Tracker } from '../schemas/api.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { root: { type: 'string' }, receipt: { type: 'string' } },
});
const source = positionals[0];
if (!source) {
  console.error('usage: npm run -s tracker:verify -- <tracker url or file> [--root hex] [--receipt receipt]');
  process.exit(2);
}
const tracker = (
  /^https?:\/\//.test(source) ? await (await fetch(source)).json() : JSON.parse(readFileSync(source, 'utf8'))
) as Tracker;
const check = verifyTracker(tracker);
const rootMatches = values.root === undefined || values.root === tracker.root;
const mine =
  values.receipt === undefined ? undefined : (tracker.ballots.find((b) => b.receipt === values.receipt) ?? null);
const ok = check.ok && rootMatches && mine !== null;
console.log(
  JSON.stringify({
    ok,
    ballots: tracker.ballots.length,
    root: tracker.root,
    ...(check.problem ? { problem: check.problem } : {}),
    ...(rootMatches ? {} : { problem: `root differs from the announced ${values.root}` }),
    ...(values.receipt === undefined ? {} : { ballot: mine }),
  }),
);
process.exit(ok ? 0 : 1);
