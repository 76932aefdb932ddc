/**
 * The deploy package's own settings, part of the config module (config.ts
 * has the loaders): the function target a service runs, and the migration
 * job's owner connection and login role passwords.
 */
import * as v from 'valibot';
import { urlSetting } from './settings.js';

/** The application login roles the migrations make; the migration job sets their passwords. */
export const loginRoles = ['ekklesia_registry', 'ekklesia_ballot_box', 'ekklesia_worker', 'ekklesia_relay'] as const;
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
});

export type MigrateJobConfig = { url: string; passwords: { role: LoginRole; password: string }[] };
