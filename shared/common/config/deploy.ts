/**
 * The deploy package's own settings: the function target a service runs,
 * and the migration job's owner connection and login role passwords.
 */
import * as v from 'valibot';
import { parseSettings, urlSetting, type Env } from './parse.js';

/**
 * The application login roles the migrations make, each in two slots (the role, and its member ROLE_b: migration
 * 000031) so a password is rotated add-then-switch; the migration job sets the passwords it is given.
 */
export const loginRoles = [
  'ekklesia_registry',
  'ekklesia_ballot_box',
  'ekklesia_worker',
  'ekklesia_relay',
  'ekklesia_registry_b',
  'ekklesia_ballot_box_b',
  'ekklesia_worker_b',
  'ekklesia_relay_b',
] as const;
export type LoginRole = (typeof loginRoles)[number];

const rolePassword = v.optional(
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{24,}$/, 'must be 24 or more URL-safe characters')),
);

export const migrateJobSchema = v.object({
  /** The owner's connection: migrations create schemas, roles and functions. */
  DATABASE_URL: urlSetting(['postgres:', 'postgresql:']),
  EKKLESIA_REGISTRY_PASSWORD: rolePassword,
  EKKLESIA_BALLOT_BOX_PASSWORD: rolePassword,
  EKKLESIA_WORKER_PASSWORD: rolePassword,
  EKKLESIA_RELAY_PASSWORD: rolePassword,
  EKKLESIA_REGISTRY_B_PASSWORD: rolePassword,
  EKKLESIA_BALLOT_BOX_B_PASSWORD: rolePassword,
  EKKLESIA_WORKER_B_PASSWORD: rolePassword,
  EKKLESIA_RELAY_B_PASSWORD: rolePassword,
});

/** The migration job (deploy/migrateJob.ts): the owner's URL and the passwords given, role by role. */
export function loadMigrateJobConfig(env: Env = process.env) {
  const e = parseSettings(migrateJobSchema, env);
  return {
    url: e.DATABASE_URL,
    passwords: loginRoles.flatMap((role) => {
      const password = e[`${role.toUpperCase() as Uppercase<LoginRole>}_PASSWORD`];
      return password ? [{ role, password }] : [];
    }),
  };
}

/** The function target this service runs: FUNCTION_TARGET (each Cloud Run service sets it), else `--target` by hand. */
export function loadFunctionTarget(env: Env = process.env, argv: string[] = process.argv): string | undefined {
  const at = argv.indexOf('--target');
  const flag = at > 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--target='))?.slice('--target='.length);
  return env.FUNCTION_TARGET ?? flag;
}

export type MigrateJobConfig = ReturnType<typeof loadMigrateJobConfig>;
