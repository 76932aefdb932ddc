/**
 * infra/ as two roots per environment and one image per release: the app root
 * reads every value it stands on from the platform root's outputs (and
 * nothing the platform does not output), no documented step needs -target,
 * every service and the migration job run the release's image by digest with
 * their own FUNCTION_TARGET, and the migration runs in the apply before any
 * service takes the image.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { infraDir, loadTf } from '../../scripts/infra/terraform.js';

const modules = (m: string) => loadTf(path.join(infraDir, 'modules', m));
const root = (env: string, r: string) => loadTf(path.join(infraDir, 'environments', env, r));

/** The attribute names of an object(...) type expression as hcl2json keeps it ("${object({ a = string … })}"). */
function objectAttributes(type: string): string[] {
  const inner = type.replace(/^\$\{object\(\{/, '').replace(/\}\)\}$/, '');
  return [...inner.matchAll(/^\s*([a-z_]+)\s*=/gm)].map((m) => m[1]!);
}

test("the app root stands only on the platform root's outputs, every one of which the platform gives", async () => {
  const app = await modules('app');
  const wanted = objectAttributes(String((app.variables.platform as { type: string }).type));
  assert.ok(wanted.length >= 10, `the app reads ${wanted.join(', ')}`);
  const platform = await modules('platform');
  for (const name of wanted) assert.ok(platform.outputs.has(name), `modules/platform outputs ${name}`);
  for (const env of ['dev', 'prod']) {
    const output = (await root(env, 'platform')).raw.flatMap((d) =>
      Object.entries((d.output ?? {}) as Record<string, { value: string }[]>),
    );
    assert.deepEqual(
      output.find(([name]) => name === 'platform')?.[1][0]?.value,
      '${module.platform}',
      `environments/${env}/platform outputs the whole module`,
    );
    const appRoot = await root(env, 'app');
    const state = appRoot.resources.get('data.terraform_remote_state.platform') as { config: { prefix: string } };
    assert.equal(state.config.prefix, `ekklesia/${env}/platform`, `${env}: the app reads its own platform`);
    const backend = readFileSync(path.join(infraDir, 'environments', env, 'platform', 'backend.tf'), 'utf8');
    assert.ok(
      backend.includes(`prefix = "ekklesia/${env}/platform"`),
      `${env}: the platform writes where the app reads`,
    );
    assert.equal(appRoot.modules.app!.platform, '${data.terraform_remote_state.platform.outputs.platform}');
  }
});

test('no documented step needs -target', () => {
  for (const doc of ['infra/README.md', 'docs/OPERATIONS.md']) {
    const text = readFileSync(path.join(infraDir, '..', doc), 'utf8');
    assert.doesNotMatch(text, /-target[= ]/, doc);
  }
});

test('every service and the migration job run the one image by digest; the migration runs before any service takes it', async () => {
  const services = await modules('services');
  const service = services.resources.get('google_cloud_run_v2_service.fn') as Record<string, unknown>;
  assert.equal('build_config' in service, false, 'no build_config: it only records metadata');
  const container = (service.template as { containers: { image: string }[] }[])[0]!.containers[0]!;
  assert.equal(container.image, '${var.image}');
  assert.match(String(services.variables.image && JSON.stringify(services.variables.image)), /sha256/);
  assert.ok(
    (service.depends_on as string[]).some((d) => d.includes('terraform_data.migration')),
    'a service waits for the migration of its image',
  );
  const env = readFileSync(path.join(infraDir, 'modules/services/env.tf'), 'utf8');
  assert.match(env, /FUNCTION_TARGET = local\.targets\[k\]/, "each service's target in its own environment");
  const job = services.resources.get('google_cloud_run_v2_job.migrate') as Record<string, unknown>;
  const jobContainer = JSON.stringify(job.template);
  assert.ok(jobContainer.includes('"image":"${var.image}"'));
  assert.ok(jobContainer.includes('"command":["node","deploy/migrate.js"]'));
  assert.ok(String(job.depends_on).includes('migrate_reader'), 'the job reads its secrets once granted');
  const run = services.resources.get('terraform_data.migration') as Record<string, unknown>;
  assert.ok(String(run.triggers_replace).includes('var.image'), 'runs again for each image');
  assert.ok(String(run.triggers_replace).includes('var.password_versions'), 'and for each password rotation');
  assert.match(JSON.stringify(run.provisioner), /gcloud run jobs execute .* --wait/);
});
