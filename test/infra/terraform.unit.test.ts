/**
 * infra/ checked without a cloud account or a Terraform binary: every file
 * parses as HCL; every variable, local, module output and resource an
 * expression uses exists; every module input is a declared variable and
 * every required one is given; the provider is pinned; the layout is
 * Google's recommended one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { infraDir, loadTf, references, tfDirs, type TfConfig } from '../../scripts/infra/terraform.js';

const dirs = tfDirs();
const loaded = new Map<string, TfConfig>();
const load = async (dir: string) => loaded.get(dir) ?? loaded.set(dir, await loadTf(dir)).get(dir)!;
const modulesDir = path.join(infraDir, 'modules');
const roots = ['platform', 'app'] as const;
const environments = ['dev', 'prod'].flatMap((e) => roots.map((r) => path.join(infraDir, 'environments', e, r)));

test('the layout: modules/<part>/{main,variables,outputs,versions}.tf and environments/{dev,prod}/{platform,app}', () => {
  const modules = readdirSync(modulesDir);
  assert.ok(modules.length >= 6, `modules: ${modules.join(', ')}`);
  for (const m of modules) {
    for (const f of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) {
      assert.ok(existsSync(path.join(modulesDir, m, f)), `modules/${m}/${f}`);
    }
  }
  for (const env of environments) {
    for (const f of [
      'backend.tf',
      'main.tf',
      'variables.tf',
      'outputs.tf',
      'versions.tf',
      'terraform.tfvars.example',
    ]) {
      assert.ok(existsSync(path.join(env, f)), `${path.relative(infraDir, env)}/${f}`);
    }
  }
});

test('every .tf file parses; modules declare a provider range, only the environments pin', async () => {
  assert.ok(dirs.length >= 8, `${dirs.length} directories`);
  for (const dir of dirs) {
    const config = await load(dir);
    const providers = config.raw.flatMap((doc) =>
      ((doc.terraform ?? []) as Record<string, unknown>[]).flatMap(
        (t) => (t.required_providers ?? []) as Record<string, { source: string; version: string }>[],
      ),
    );
    const google = providers.map((p) => p.google).find(Boolean);
    assert.ok(google, `${path.relative(infraDir, dir)} declares the google provider`);
    assert.equal(google.source, 'hashicorp/google');
    if (path.relative(infraDir, dir).startsWith('environments'))
      assert.match(google.version, /^~> \d+\.\d+$/, `${dir}: a root pins a minor series`);
    else assert.equal(google.version, '>= 6.40, < 8', `${dir}: a module declares the range it works with`);
  }
});

test('every var., local., module output and resource an expression uses exists', async () => {
  for (const dir of dirs) {
    const config = await load(dir);
    const where = path.relative(infraDir, dir);
    for (const expression of config.expressions) {
      const refs = references(expression);
      for (const v of refs.vars) assert.ok(v in config.variables, `${where}: var.${v} is not declared (${expression})`);
      for (const l of refs.locals) assert.ok(l in config.locals, `${where}: local.${l} is not defined (${expression})`);
      for (const r of refs.resources)
        assert.ok(config.resources.has(r), `${where}: ${r} does not exist (${expression})`);
      for (const { module, output } of refs.modules) {
        const call = config.modules[module];
        assert.ok(call, `${where}: module.${module} is not called`);
        const callee = await load(path.resolve(dir, call.source as string));
        assert.ok(callee.outputs.has(output), `${where}: module.${module} has no output ${output}`);
      }
    }
  }
});

test('every module input is a variable of the module, and every required variable is given', async () => {
  const meta = new Set(['source', 'depends_on', 'providers', 'count', 'for_each', 'version']);
  const platform = await load(path.join(modulesDir, 'platform'));
  assert.ok(Object.keys(platform.modules).length >= 8, 'the platform module wires every lasting part');
  assert.deepEqual(Object.keys((await load(path.join(modulesDir, 'app'))).modules).sort(), ['delivery', 'services']);
  for (const env of environments)
    assert.deepEqual(Object.keys((await load(env)).modules), [path.basename(env)], `${env} calls its one module`);
  for (const dir of dirs) {
    const config = await load(dir);
    for (const [name, call] of Object.entries(config.modules)) {
      const callee = await load(path.resolve(dir, call.source as string));
      const given = Object.keys(call).filter((k) => !meta.has(k));
      for (const input of given) assert.ok(input in callee.variables, `module.${name}: no variable ${input}`);
      for (const [variable, block] of Object.entries(callee.variables)) {
        if (!('default' in block)) assert.ok(given.includes(variable), `module.${name}: ${variable} is required`);
      }
    }
  }
});

test('a reference to something missing fails the check (the checker can fail)', () => {
  const refs = references('${var.a}-${local.b}-${module.m.o}-${google_x_y.z[0].id}-${"var.not_a_ref"}');
  assert.deepEqual(refs.vars, ['a']);
  assert.deepEqual(refs.locals, ['b']);
  assert.deepEqual(refs.modules, [{ module: 'm', output: 'o' }]);
  assert.deepEqual(refs.resources, ['google_x_y.z']);
});

test('every module has a README that names each of its inputs and outputs', async () => {
  for (const m of readdirSync(modulesDir)) {
    const dir = path.join(modulesDir, m);
    const readme = path.join(dir, 'README.md');
    assert.ok(existsSync(readme), `modules/${m}/README.md`);
    const text = readFileSync(readme, 'utf8');
    const config = await load(dir);
    for (const name of [...Object.keys(config.variables), ...config.outputs])
      assert.ok(text.includes(`\`${name}\``), `modules/${m}/README.md names ${name}`);
  }
});

test('every variable is typed and described', async () => {
  for (const dir of dirs) {
    for (const doc of (await load(dir)).raw) {
      for (const [name, [variable]] of Object.entries(
        (doc.variable ?? {}) as Record<string, Record<string, unknown>[]>,
      )) {
        assert.ok(variable?.type, `${path.relative(infraDir, dir)}: var.${name} has a type`);
        assert.ok(variable?.description, `${path.relative(infraDir, dir)}: var.${name} has a description`);
      }
    }
  }
});

test('the database can be reached and keeps no password in the state', async () => {
  const database = await load(path.join(infraDir, 'modules', 'database'));
  const instance = database.resources.get('google_sql_database_instance.main')! as {
    settings: {
      connector_enforcement?: string;
      ip_configuration: { ipv4_enabled?: boolean; private_network?: string }[];
    }[];
  };
  const settings = instance.settings[0]!;
  const ip = settings.ip_configuration[0]!;
  // Cloud SQL refuses an instance with neither a public address nor a private network.
  assert.ok(ip.ipv4_enabled === true || ip.private_network, 'a public address or a private network');
  assert.equal(settings.connector_enforcement, 'REQUIRED', 'only connector connections');
  assert.equal(JSON.stringify(ip).includes('authorized_networks'), false, 'no authorised network');
  // Passwords only through write-only arguments, from ephemeral values.
  const stored = [...database.resources.entries()].filter(([name]) => name.startsWith('random_password.'));
  assert.deepEqual(stored, [], 'no random_password resource (its result would be in the state)');
  for (const [name, block] of database.resources) {
    for (const field of ['password', 'secret_data'])
      assert.equal(field in block, false, `${name} sets ${field}, which the state keeps`);
  }
  assert.ok(database.resources.has('ephemeral.random_password.owner'));
  const user = database.resources.get('google_sql_user.owner')!;
  assert.equal(user.password_wo, '${ephemeral.random_password.owner.result}');
  assert.equal(user.password_wo_version, '${var.password_versions.owner}');
});
