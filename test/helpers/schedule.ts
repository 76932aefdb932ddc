/** The lifecycle worker's scheduled steps as it wires them: the worker and registry roles, S2S and KMS of the harness. */
import { createLogger } from '../../shared/common/log.js';
import { createBallotBox } from '../../shared/registry/ballotBox.js';
import type { ScheduleDeps } from '../../workers/lifecycle/scheduled.js';
import type { Harness } from './harness.js';
import { workerDeps } from './workers.js';

export function scheduleDeps(h: Harness): ScheduleDeps & { close(): Promise<void> } {
  const worker = workerDeps(h.db).sql;
  return {
    worker,
    registry: h.db.registry,
    ballotBox: createBallotBox(h.ballotBoxConfig),
    electionKeys: h.electionKeys,
    log: createLogger({ level: 'silent', project: undefined }, 'test'),
    close: () => worker.end(),
  };
}
