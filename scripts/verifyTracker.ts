/**
 * `npm run -s tracker:verify -- <url|file> [--root hex] [--receipt r] [--results url|file]`:
 * checks a published tracker (see docs/tracker.md) and prints one JSON line:
 * its order and Merkle root, and the published tally recounted from its
 * ballots (each option's ballots and, weighted, units and heads), and an
 * election's verdict decided again from those counts, its rules and the
 * presence published with it (docs/rules.md), and a ranked election's count
 * run again on the tracker's rankings and compared text for text with the
 * published one, every stage (docs/ranked.md). Given a tracker URL
 * (…/tracker), the tally is fetched from …/results beside it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyTracker } from '../shared/common/crypto/index.js';
import { recountDiffers } from '../schemas/recount.js';
import { verdictDiffers } from '../schemas/verdict.js';
import { headerDiffers } from '../schemas/trackerHeader.js';
import { rankedDiffers } from '../schemas/ranked/count.js';
import { lotOrder } from '../shared/common/crypto/lotOrder.js';
import type { PublishedTally, Tracker } from '../schemas/api.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { root: { type: 'string' }, receipt: { type: 'string' }, results: { type: 'string' } },
});
const source = positionals[0];
if (!source) {
  console.error(
    'usage: npm run -s tracker:verify -- <tracker url or file> [--root hex] [--receipt receipt] [--results url or file]',
  );
  process.exit(2);
}
const read = async <T>(where: string): Promise<T> =>
  (/^https?:\/\//.test(where) ? await (await fetch(where)).json() : JSON.parse(readFileSync(where, 'utf8'))) as T;
const tracker = await read<Tracker>(source);
const resultsFrom =
  values.results ?? (/^https?:\/\/.*\/tracker$/.test(source) ? source.replace(/\/tracker$/, '/results') : undefined);
const published = resultsFrom === undefined ? undefined : await read<PublishedTally>(resultsFrom);
const check = verifyTracker(tracker);
const rootMatches = values.root === undefined || values.root === tracker.root;
const mine =
  values.receipt === undefined ? undefined : (tracker.ballots.find((b) => b.receipt === values.receipt) ?? null);
// The options in the election's order, and the lot's order of them that the root draws (ties, ranked counts).
const optionIds = published?.tally.map((t) => t.option) ?? [];
const lot = () => lotOrder(tracker.root, optionIds);
const tallyProblem =
  published &&
  (published.root !== tracker.root
    ? 'the results name another root'
    : (recountDiffers(
        {
          ballotsCast: published.ballotsCast,
          unitsCast: published.unitsCast,
          voters: published.voters,
          options: published.tally.map((t) => ({ id: t.option, votes: t.votes, units: t.units, voters: t.voters })),
        },
        tracker.ballots,
      ) ??
      headerDiffers(published, tracker.header) ??
      (published.ranked && rankedDiffers(published.ranked, optionIds, tracker.ballots, lot())) ??
      verdictDiffers(published, lot())));
const ok = check.ok && rootMatches && mine !== null && !tallyProblem;
console.log(
  JSON.stringify({
    ok,
    ballots: tracker.ballots.length,
    root: tracker.root,
    ...(check.problem ? { problem: check.problem } : {}),
    ...(rootMatches ? {} : { problem: `root differs from the announced ${values.root}` }),
    ...(published ? { tally: tallyProblem ? `differs: ${tallyProblem}` : 'recounted' } : {}),
    ...(values.receipt === undefined ? {} : { ballot: mine }),
  }),
);
process.exit(ok ? 0 : 1);
