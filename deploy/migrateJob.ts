/**
 * The migration step of a deploy, run once per deploy as a Cloud Run job
 * (infra/modules/services/migrate_job.tf, `ekklesia-migrate`) on the deploy package's
 * image, never from a function's cold start: applies pending migrations as
 * the owner (DATABASE_URL), then gives each application login role the
 * password Terraform generated for it (`<ROLE>_PASSWORD`, from Secret
 * Manager) as a SCRAM verifier, so no password text reaches the server's
 * logs. Safe to run again and from several places at once.
 */
import postgres from 'postgres';
import { migrate } from '../shared/database/migrate.js';
import { loadMigrateJobConfig } from '../shared/common/config/index.js';
import type { Env } from '../shared/common/config/index.js';
import { scramVerifier } from './scramVerifier.js';

export { loginRoles } from '../shared/common/config/index.js';

export async function runMigrateJob(env?: Env): Promise<{ applied: number[]; passwords: string[] }> {
  const config = loadMigrateJobConfig(env);
  const verifiers = config.passwords.map(({ role, password }) => ({ role, verifier: scramVerifier(password) }));
  const sql = postgres(config.url, { max: 1, onnotice: () => {} });
  try {
    const applied = await migrate(sql);
    for (const { role, verifier } of verifiers) {
      // A verifier, not the password; the role name is from the fixed list in deploySettings.ts.
      await sql.unsafe(`ALTER ROLE ${role} WITH LOGIN PASSWORD '${verifier}'`);
    }
    return { applied, passwords: verifiers.map((p) => p.role) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
