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
import { infraDir, loadTf, references, tfDirs, type TfConfig } from '../helpers/terraform.js';

const dirs = tfDirs();
const loaded = new Map<string, TfConfig>();
const load = async (dir: string) => loaded.get(dir) ?? loaded.set(dir, await loadTf(dir)).get(dir)!;
const modulesDir = path.join(infraDir, 'modules');
const environments = ['dev', 'prod'].map((e) => path.join(infraDir, 'environments', e));

test('the layout: modules/<part>/{main,variables,outputs,versions}.tf and environments/{dev,prod}', () => {
  const modules = readdirSync(modulesDir);
  assert.ok(modules.length >= 6, `modules: ${modules.join(', ')}`);
  for (const m of modules) {
    for (const f of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) {
      assert.ok(existsSync(path.join(modulesDir, m, f)), `modules/${m}/${f}`);
    }
  }
  for (const env of environments) {
    for (const f of ['backend.tf', 'main.tf', 'variables.tf', 'versions.tf', 'terraform.tfvars.example']) {
      assert.ok(existsSync(path.join(env, f)), `${path.relative(infraDir, env)}/${f}`);
    }
  }
});

test('every .tf file parses, and hashicorp/google is pinned everywhere', async () => {
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
    assert.match(google.version, /^~> \d+\.\d+$/, 'a pinned minor series');
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
  const system = await load(path.join(modulesDir, 'system'));
  assert.ok(Object.keys(system.modules).length >= 8, 'the system module wires every part');
  for (const env of environments) assert.deepEqual(Object.keys((await load(env)).modules), ['ekklesia']);
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
