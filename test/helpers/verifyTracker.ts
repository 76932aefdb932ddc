/**
 * `npm run tracker:verify` as an observer runs it: the tracker and the results saved as files, the script's one
 * JSON line read back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Verified = { ok: boolean; ballots: number; root: string; tally?: string; problem?: string };

export function verifySaved(tracker: unknown, results: unknown): Verified {
  const dir = mkdtempSync(path.join(tmpdir(), 'verify-'));
  try {
    writeFileSync(path.join(dir, 'tracker.json'), JSON.stringify(tracker));
    writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results));
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/verifyTracker.ts',
        path.join(dir, 'tracker.json'),
        '--results',
        path.join(dir, 'results.json'),
      ],
      { encoding: 'utf8' },
    );
    return JSON.parse(run.stdout) as Verified;
  } finally {
    rmSync(dir, { recursive: true });
  }
}
