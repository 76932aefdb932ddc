/**
 * The deployables as Cloud Run functions: each functions-framework target,
 * the module that registers it, and the settings schema its config parses
 * (shared/common/config/). The deploy package's main (entry.ts) loads only
 * the target it runs; infra/ deploys each target, and the infra test checks
 * both against this list.
 */
export const deployTargets = {
  events: { module: '../functions/events/index.js', settings: 'events' },
  elections: { module: '../functions/elections/index.js', settings: 'elections' },
  ballotTasks: { module: '../functions/ballotTasks/index.js', settings: 'worker' },
  audit: { module: '../workers/audit/index.js', settings: 'worker' },
  metering: { module: '../workers/metering/index.js', settings: 'worker' },
  lifecycle: { module: '../workers/lifecycle/index.js', settings: 'lifecycle' },
  relay: { module: '../workers/relay/index.js', settings: 'relay' },
} as const;

export type DeployTarget = keyof typeof deployTargets;

export function isDeployTarget(name: string | undefined): name is DeployTarget {
  return name !== undefined && Object.hasOwn(deployTargets, name);
}
