/** The cost model's inputs read from infra/: an environment's two roots and the modules' fixed counts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { infraDir, literal, loadTf } from '../infra/terraform.js';
import type { Infra, Prices } from './model.js';

export const prices = (): Prices => JSON.parse(readFileSync(path.join(infraDir, 'prices.json'), 'utf8')) as Prices;

export async function infraOf(env: 'dev' | 'prod'): Promise<Infra> {
  const platform = await loadTf(path.join(infraDir, 'environments', env, 'platform'));
  const app = await loadTf(path.join(infraDir, 'environments', env, 'app'));
  const database = await loadTf(path.join(infraDir, 'modules', 'database'));
  const secrets = await loadTf(path.join(infraDir, 'modules', 'secrets'));
  const delivery = await loadTf(path.join(infraDir, 'modules', 'delivery'));
  const roles = literal<string[]>(database, 'app_roles').length;
  // Per application role two logins, each with a URL and a password; the owner's URL; the two filled by hand.
  const secretVersions = 2 * roles * 2 + 1 + Object.keys(literal<Record<string, string>>(secrets, 'secrets')).length;
  return {
    database: literal<Infra['database']>(platform, 'database'),
    sizing: literal<Infra['sizing']>(app, 'sizing'),
    policy: literal<Infra['policy']>(app, 'lifecycle_policy'),
    secretVersions,
    schedulerJobs: [...delivery.resources.keys()].filter((r) => r.startsWith('google_cloud_scheduler_job.')).length,
  };
}
