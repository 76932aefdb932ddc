/**
 * The release command's plan (scripts/release/plan.ts): build the package,
 * build and push one image as the build account, read its digest, apply the
 * app root with the image by digest, in that order; the digest form is the
 * one the Terraform variable accepts, a tag is refused; a wrong environment
 * stops the command before it does anything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyStep, buildSteps, imageByDigest, releaseName, type PlatformOutputs } from '../../scripts/release/plan.js';
import { infraDir, loadTf } from '../../scripts/infra/terraform.js';

const root = path.resolve(import.meta.dirname, '../..');
const platform: PlatformOutputs = {
  project_id: 'org-ekklesia-prod',
  region: 'europe-west1',
  image_repository: 'europe-west1-docker.pkg.dev/org-ekklesia-prod/ekklesia-prod',
  build_bucket: 'org-ekklesia-prod-ekklesia-prod-build',
  service_accounts: { build: 'ekklesia-prod-build@org-ekklesia-prod.iam.gserviceaccount.com' },
};
const digest = `sha256:${'ab'.repeat(32)}`;

test('a release is named by its date and commit, and builds, pushes, reads the digest, then applies, in that order', () => {
  const release = releaseName(new Date('2027-03-01T10:00:00Z'), '0123456789abcdef0123');
  assert.equal(release, '2027-03-01-0123456');
  assert.throws(() => releaseName(new Date(), 'main; rm -rf /'), /not a commit/);
  const steps = buildSteps(release, platform);
  assert.deepEqual(
    steps.map((s) => s.command.slice(0, 3).join(' ')),
    ['npm run build', 'gcloud builds submit', 'gcloud artifacts docker'],
  );
  const submit = steps[1]!.command;
  const tag = `${platform.image_repository}/ekklesia:${release}`;
  assert.ok(submit.includes(`--substitutions=_IMAGE=${tag}`));
  assert.ok(
    submit.includes(`--service-account=projects/org-ekklesia-prod/serviceAccounts/${platform.service_accounts.build}`),
  );
  assert.ok(submit.includes(`--gcs-source-staging-dir=gs://${platform.build_bucket}/source`));
  assert.ok(submit.includes('--config=dist/cloudbuild.yaml'));
  assert.equal(steps[2]!.capture, 'digest');
  assert.ok(steps[2]!.command.includes(tag));
  const apply = applyStep('prod', imageByDigest(platform, digest), false).command;
  assert.deepEqual(apply.slice(0, 3), ['terraform', '-chdir=infra/environments/prod/app', 'apply']);
  assert.ok(apply.includes(`-var=image=${platform.image_repository}/ekklesia@${digest}`));
  assert.ok(!apply.some((a) => a.startsWith('-target')), 'no -target');
  assert.throws(() => buildSteps(release, { ...platform, service_accounts: {} }), /no build service account/);
});

test("Cloud Build's config builds the Dockerfile into the image the plan names, logging to Cloud Logging only", () => {
  const config = readFileSync(path.join(root, 'deploy/cloudbuild.yaml'), 'utf8');
  assert.match(config, /args: \['build', '--pull', '--tag', '\$\{_IMAGE\}', '\.'\]/);
  assert.match(config, /images: \['\$\{_IMAGE\}'\]/);
  assert.match(config, /logging: CLOUD_LOGGING_ONLY/, 'a build account without a log bucket needs it');
});

test('the app root takes the image by digest only: a tag, which can move, is refused', async () => {
  const services = await loadTf(path.join(infraDir, 'modules', 'services'));
  const { validation } = services.variables.image as { validation: { condition: string }[] };
  const [, pattern] = /regex\("(.+?)", var\.image\)/.exec(validation[0]!.condition) ?? [];
  assert.ok(pattern, 'the variable validates the image');
  const accepts = new RegExp(JSON.parse(`"${pattern}"`) as string);
  assert.ok(accepts.test(imageByDigest(platform, digest)));
  assert.ok(!accepts.test(`${platform.image_repository}/ekklesia:2027-03-01-0123456`));
  assert.throws(() => imageByDigest(platform, 'latest'), /not an image digest/);
});

test('an unknown environment stops the command before it builds anything', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/release.ts', '--env', 'staging'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--env must be one of dev, prod/);
});
