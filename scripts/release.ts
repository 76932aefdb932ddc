/**
 * `npm run release -- --env dev|prod [--auto-approve] [--dry-run]`: one
 * release of one environment (infra/README.md, "Releases"). Builds the deploy
 * package with its lock file, has Cloud Build build and push one image from
 * it as the build account, reads the image's digest, then applies the app
 * root with that digest: the migration job runs on the new image before any
 * service takes it. Needs gcloud (authenticated) and Terraform ≥ 1.11 with
 * both roots initialised (infra/README.md, steps 1–4). `--dry-run` builds the
 * package and prints every other command without running it.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import {
  applyStep,
  buildSteps,
  environments,
  imageByDigest,
  platformRoot,
  releaseName,
  type Environment,
  type PlatformOutputs,
  type Step,
} from './release/plan.js';

const { values } = parseArgs({
  options: {
    env: { type: 'string' },
    'auto-approve': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'allow-dirty': { type: 'boolean', default: false },
  },
});
const env = values.env as Environment;
if (!environments.includes(env)) {
  console.error(`--env must be one of ${environments.join(', ')}`);
  process.exit(2);
}
const dryRun = values['dry-run'];

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
if (!values['allow-dirty'] && !dryRun && git('status', '--porcelain')) {
  console.error('the working tree has changes: a release is built from a commit (or pass --allow-dirty)');
  process.exit(2);
}
const release = releaseName(new Date(), git('rev-parse', 'HEAD'));

function platformOutputs(): PlatformOutputs {
  if (dryRun) {
    return {
      project_id: 'PROJECT',
      region: 'REGION',
      image_repository: 'REGION-docker.pkg.dev/PROJECT/ekklesia-ENV',
      build_bucket: 'PROJECT-ekklesia-ENV-build',
      service_accounts: { build: `ekklesia-${env}-build@PROJECT.iam.gserviceaccount.com` },
    };
  }
  return JSON.parse(
    execFileSync('terraform', [`-chdir=${platformRoot(env)}`, 'output', '-json', 'platform'], { encoding: 'utf8' }),
  ) as PlatformOutputs;
}

function run(step: Step): string {
  console.log(`\n# ${step.why}\n$ ${step.command.join(' ')}`);
  if (dryRun && step.command[0] !== 'npm') return step.capture === 'digest' ? `sha256:${'0'.repeat(64)}` : '';
  const [cmd, ...args] = step.command;
  if (step.capture) return execFileSync(cmd!, args, { encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'] }).trim();
  execFileSync(cmd!, args, { stdio: 'inherit' });
  return '';
}

console.log(`release ${release} to ${env}${dryRun ? ' (dry run: only the package is built)' : ''}`);
const platform = platformOutputs();
let digest = '';
for (const step of buildSteps(release, platform)) {
  const out = run(step);
  if (step.capture === 'digest') digest = out;
}
const image = imageByDigest(platform, digest);
run(applyStep(env, image, values['auto-approve']));
console.log(`\nreleased ${release}: ${image}`);
