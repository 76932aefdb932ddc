/**
 * The migration step of a deploy, run once per deploy as a Cloud Run job
 * (infra/modules/functions, `ekklesia-migrate`) on the deploy package's
 * image, never from a function's cold start: applies pending migrations as
 * the owner (DATABASE_URL), then gives each application login role the
 * password Terraform generated for it (`<ROLE>_PASSWORD`, from Secret
 * Manager) as a SCRAM verifier, so no password text reaches the server's
 * logs. Safe to run again and from several places at once.
 */
import postgres from 'postgres';
import { migrate } from '../shared/database/migrate.js';
import { scramVerifier } from './scramVerifier.js';

export const loginRoles = ['ekklesia_registry', 'ekklesia_ballot_box', 'ekklesia_worker', 'ekklesia_relay'] as const;

export async function runMigrateJob(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ applied: number[]; passwords: string[] }> {
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required: the owner connection');
  const passwords = loginRoles.flatMap((role) => {
    const password = env[`${role.toUpperCase()}_PASSWORD`];
    if (password === undefined) return [];
    if (!/^[A-Za-z0-9_-]{24,}$/.test(password))
      throw new Error(`${role.toUpperCase()}_PASSWORD must be 24 or more URL-safe characters`);
    return [{ role, verifier: scramVerifier(password) }];
  });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const applied = await migrate(sql);
    for (const { role, verifier } of passwords) {
      // A verifier, not the password; the role name is from the fixed list above.
      await sql.unsafe(`ALTER ROLE ${role} WITH LOGIN PASSWORD '${verifier}'`);
    }
    return { applied, passwords: passwords.map((p) => p.role) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
