/**
 * Every resource and data source under infra/ checked against the real
 * provider schema (hashicorp/google 6.50.0, from the CDKTF bindings:
 * test/helpers/providerSchema.ts): no argument or block the provider does
 * not have, at any depth (dynamic blocks included), and no required one
 * missing. `terraform validate` cannot run here (no provider download); this
 * is the part of it that catches a misspelt or invented name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { infraDir, loadTf, tfDirs } from '../../scripts/infra/terraform.js';
import { bindingFolder, ensureBindings, schemaOf, type Schema } from '../helpers/providerSchema.js';

/** Arguments Terraform itself takes on every resource. */
const metaArguments = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
]);

type Body = Record<string, unknown>;

/** What in `body` the schema does not have, and what it requires that `body` lacks. */
export function schemaProblems(body: Body, schema: Schema, where: string, top = true): string[] {
  const problems: string[] = [];
  const dynamic = (body.dynamic ?? {}) as Record<string, { content?: Body[] }[]>;
  for (const [key, value] of Object.entries(body)) {
    if (top && metaArguments.has(key)) continue;
    if (key === 'dynamic') {
      for (const [name, uses] of Object.entries(dynamic)) {
        const field = schema.get(name);
        if (!field?.block) problems.push(`${where}: no block ${name} (dynamic)`);
        else
          for (const use of uses)
            problems.push(...schemaProblems(use.content?.[0] ?? {}, field.block, `${where}.${name}`, false));
      }
      continue;
    }
    const field = schema.get(key);
    if (!field) {
      problems.push(`${where}: no argument or block ${key}`);
      continue;
    }
    if (field.block && Array.isArray(value))
      for (const item of value)
        if (item && typeof item === 'object')
          problems.push(...schemaProblems(item as Body, field.block, `${where}.${key}`, false));
  }
  for (const field of schema.values())
    if (field.required && !(field.name in body) && !(field.name in dynamic))
      problems.push(`${where}: required ${field.name} missing`);
  return problems;
}

/** Every google resource and data source of every directory under infra/. */
async function everyBlock(): Promise<{ type: string; data: boolean; where: string; body: Body }[]> {
  const out: { type: string; data: boolean; where: string; body: Body }[] = [];
  for (const dir of tfDirs()) {
    const config = await loadTf(dir);
    for (const doc of config.raw)
      for (const [kind, data] of [
        ['resource', false],
        ['data', true],
      ] as const)
        for (const [type, named] of Object.entries((doc[kind] ?? {}) as Record<string, Record<string, Body[]>>))
          if (type.startsWith('google_'))
            for (const [name, blocks] of Object.entries(named))
              out.push({
                type,
                data,
                where: `${path.relative(infraDir, dir)}: ${data ? 'data.' : ''}${type}.${name}`,
                body: blocks[0]!,
              });
  }
  return out;
}

test('every google resource and data source under infra/ keeps the provider schema', async () => {
  const blocks = await everyBlock();
  ensureBindings([...new Set(blocks.map((b) => bindingFolder(b.type, b.data)))]);
  const problems: string[] = [];
  let names = 0;
  for (const { type, data, where, body } of blocks) {
    const schema = schemaOf(type, data);
    if (!schema) {
      problems.push(`${where}: hashicorp/google 6.50.0 has no ${data ? 'data source' : 'resource'} ${type}`);
      continue;
    }
    names += JSON.stringify(body).match(/"[a-z_0-9]+":/g)?.length ?? 0;
    problems.push(...schemaProblems(body, schema, where));
  }
  console.log(`# ${blocks.length} resources and data sources, ${names} names checked against hashicorp/google 6.50.0`);
  assert.deepEqual(problems, []);
});

test('the check fails an invented argument, a misspelt nested block and a missing required argument', () => {
  const schema = schemaOf('google_sql_database_instance')!;
  const problems = schemaProblems(
    {
      name: 'x',
      invented: true,
      settings: [{ tier: 'db-f1-micro', ip_configuraton: [{ ipv4_enabled: true }] }],
      dynamic: { nothing_like_this: [{ content: [{}] }] },
    },
    schema,
    'sql',
  );
  assert.deepEqual(problems.sort(), [
    'sql.settings: no argument or block ip_configuraton',
    'sql: no argument or block invented',
    'sql: no block nothing_like_this (dynamic)',
    'sql: required database_version missing',
  ]);
  assert.equal(schemaOf('google_no_such_thing'), undefined);
});
