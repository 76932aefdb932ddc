/**
 * The building blocks of every settings schema (the deployables' in
 * deployables.ts, the local stack's and the tools' in local/config.ts): whole
 * numbers in a range, URLs of given schemes, required strings, the log
 * level, and parsing that names each bad setting.
 */
import * as v from 'valibot';

export type Env = Record<string, string | undefined>;

export const intSetting = (fallback: number, min: number, max: number) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(/^\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

/** A share 0..1 written as a decimal (0.01 for 1 %). */
export const ratioSetting = (fallback: number) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a decimal from 0 to 1'),
    v.transform(Number),
  );

export const urlSetting = (protocols: string[]) =>
  v.pipe(
    v.string('is required'),
    v.url('must be a URL'),
    v.check((s) => !URL.canParse(s) || protocols.includes(new URL(s).protocol), `must use ${protocols.join(' or ')}`),
  );

export const required = v.pipe(v.string('is required'), v.minLength(1, 'is required'));

export const logLevel = v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseSettings<S extends v.GenericSchema>(schema: S, env: Env): v.InferOutput<S> {
  const result = v.safeParse(schema, env);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const key = issue.path?.[0]?.key ?? '?';
    const message = issue.received === 'undefined' ? 'is required' : issue.message;
    return `${String(key)} ${message}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}
