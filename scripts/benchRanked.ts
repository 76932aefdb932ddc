/**
 * `npm run bench:ranked [-- --ballots 3000 --candidates 12 --seats 5 --runs 7]`: how long the seal of a ranked
 * election takes on this machine (docs/ranked.md, "How fast"). Each run writes a closed election with that many
 * ballots (Plackett–Luce rankings, truncated at random) straight into the ballot box of a fresh PostgreSQL, then
 * seals it as the elections function does (one transaction as the ballot box's role: the tally, the tracker and
 * its root, the count with every stage, the ballots rewritten, the token hashes deleted); and the count alone, in
 * memory. Prints the median and the spread of each, for Scottish STV and for Schulze, and one JSON line.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startBenchDatabase } from './bench/benchDatabase.js';
import { urlFor } from '../local/processes/postgres.js';
import { createPool, withTenant, type Sql } from '../shared/common/db/index.js';
import { sealElection } from '../shared/ballot_box/db/sealElection.js';
import { countRanked } from '../schemas/ranked/count.js';
import type { RankedMethod } from '../schemas/ranked/settings.js';
import { lotOrder } from '../shared/common/crypto/lotOrder.js';
import { randomRankings } from './bench/rankings.js';

const { values } = parseArgs({
  options: {
    ballots: { type: 'string', default: '3000' },
    candidates: { type: 'string', default: '12' },
    seats: { type: 'string', default: '5' },
    runs: { type: 'string', default: '7' },
  },
});
const [ballots, candidates, seats, runs] = [values.ballots, values.candidates, values.seats, values.runs].map(Number);
const org = 'bench';
const optionIds = Array.from({ length: candidates! }, (_, i) => `c${i + 1}`);

async function closedElection(admin: Sql, method: RankedMethod, ranked: string[][]): Promise<string> {
  const id = randomUUID();
  const settings = { method, seats: seats!, maxRanks: optionIds.length };
  await admin`insert into ballot_box.elections (org_id, id, kind, option_ids, max_choices, status, ranked)
    values (${org}, ${id}, 'ranked', ${optionIds}::text[], ${optionIds.length}, 'closed', ${admin.json(settings)})`;
  await admin`insert into ballot_box.tokens (token_hash, org_id, election_id, used)
    select decode(md5(random()::text) || md5(random()::text), 'hex'), ${org}, ${id}, true
    from generate_series(1, ${ranked.length})`;
  const receipts = ranked.map(() => randomBytes(32).toString('base64url'));
  await admin`insert into ballot_box.ballots (org_id, election_id, choices, receipt)
    select ${org}, ${id}, string_to_array(r, ','), receipt
    from unnest(${ranked.map((r) => r.join(','))}::text[], ${receipts}::text[]) as b(r, receipt)`;
  return id;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

const db = await startBenchDatabase('ranked', { durable: true, poolMax: 4, statementTimeoutMs: 120_000 });
const box = createPool(
  {
    url: urlFor(db.pg.url, 'ranked', 'ekklesia_ballot_box', db.pg.socketDir),
    poolMax: 2,
    connectTimeoutMs: 5000,
    statementTimeoutMs: 120_000,
  },
  'bench-ranked',
);
const figures: Record<string, { sealMs: number; countMs: number; stages: number }> = {};
try {
  for (const method of ['stv.scottish', 'schulze'] as const) {
    const seal: number[] = [];
    const count: number[] = [];
    let stages = 0;
    for (let run = 0; run < runs!; run++) {
      const ranked = randomRankings(optionIds, ballots!, Math.random);
      const id = await closedElection(db.admin, method, ranked);
      const started = performance.now();
      const sealed = await withTenant(box, org, (tx) => sealElection(tx, id));
      seal.push(performance.now() - started);
      if (typeof sealed === 'string' || !sealed.ranked) throw new Error(`not sealed: ${JSON.stringify(sealed)}`);
      stages = sealed.ranked.stv?.stages.length ?? 0;
      const settings = { method, seats: seats!, maxRanks: optionIds.length };
      const lot = lotOrder(sealed.root, optionIds);
      const alone = performance.now();
      countRanked(
        settings,
        optionIds,
        ranked.map((choices) => ({ choices })),
        lot,
      );
      count.push(performance.now() - alone);
    }
    console.log(
      `${method}: ${ballots} ballots, ${candidates} candidates, ${seats} seats, ${runs} runs` +
        `${stages ? `, ${stages} stages` : ''}\n  seal (one transaction): ${fmt(seal)}\n  count alone: ${fmt(count)}`,
    );
    figures[method] = { sealMs: Math.round(median(seal)), countMs: Math.round(median(count)), stages };
  }
  console.log(JSON.stringify({ ballots, candidates, seats, runs, ...figures }));
} finally {
  await box.end();
  await db.stop();
}
