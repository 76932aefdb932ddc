/**
 * Each child of the local stack gets the settings of its deploy target and
 * no others: the table is the one the infra check uses (deploy/targets.ts
 * names each target's settings schema, shared/common/config/), plus what
 * every local process takes (its address, how it is served, the emulators).
 */
import { deployTargets, type DeployTarget } from '../../deploy/targets.js';
import { settingsSchemas } from '../../shared/common/config/index.js';

const processSettings = [
  'PORT',
  'EKKLESIA_HOST',
  'EKKLESIA_SERVE',
  'PUBSUB_EMULATOR_HOST',
  'METADATA_SERVER_DETECTION',
  'GOOGLE_CLOUD_PROJECT',
  'LOG_LEVEL',
];

export function envFor(target: DeployTarget, values: Record<string, string>): Record<string, string> {
  const known = new Set([...Object.keys(settingsSchemas[deployTargets[target].settings].entries), ...processSettings]);
  return Object.fromEntries(Object.entries(values).filter(([name]) => known.has(name)));
}
