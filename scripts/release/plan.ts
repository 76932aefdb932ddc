/**
 * What `npm run release` does, as data: the commands of one release of one
 * environment, in order. Pure, so the order and the arguments are tested
 * (test/scripts/release.test.ts) and `--dry-run` prints exactly what a real
 * run would execute.
 */
export const environments = ['dev', 'prod'] as const;
export type Environment = (typeof environments)[number];

/** The platform root's outputs a release needs (infra/modules/platform/outputs.tf). */
export type PlatformOutputs = {
  project_id: string;
  region: string;
  image_repository: string;
  build_bucket: string;
  service_accounts: Record<string, string>;
};

export type Step = { why: string; command: string[]; cwd?: string; capture?: 'digest' };

export const imageName = 'ekklesia';

/** The release's name: the date and the commit, which is also the image's tag. */
export function releaseName(date: Date, commit: string): string {
  if (!/^[0-9a-f]{7,40}$/.test(commit)) throw new Error(`not a commit: ${commit}`);
  return `${date.toISOString().slice(0, 10)}-${commit.slice(0, 7)}`;
}

export function platformRoot(env: Environment) {
  return `infra/environments/${env}/platform`;
}

export function appRoot(env: Environment) {
  return `infra/environments/${env}/app`;
}

/** The steps up to the image's digest: build the package, build and push the image as the build account. */
export function buildSteps(release: string, p: PlatformOutputs): Step[] {
  const tag = `${p.image_repository}/${imageName}:${release}`;
  const build = p.service_accounts.build;
  if (!build) throw new Error('the platform has no build service account: apply the platform root first');
  return [
    { why: 'the deploy package, with its lock file and Dockerfile', command: ['npm', 'run', 'build'] },
    {
      why: 'one image from dist/, built and pushed by Cloud Build as the build account',
      command: [
        'gcloud',
        'builds',
        'submit',
        'dist',
        `--project=${p.project_id}`,
        `--region=${p.region}`,
        '--config=dist/cloudbuild.yaml',
        `--substitutions=_IMAGE=${tag}`,
        `--service-account=projects/${p.project_id}/serviceAccounts/${build}`,
        `--gcs-source-staging-dir=gs://${p.build_bucket}/source`,
      ],
    },
    {
      why: "the image's digest: the services run exactly this image, whatever the tag later points at",
      command: [
        'gcloud',
        'artifacts',
        'docker',
        'images',
        'describe',
        tag,
        `--project=${p.project_id}`,
        '--format=value(image_summary.digest)',
      ],
      capture: 'digest',
    },
  ];
}

/** The image by digest, as the app root takes it. */
export function imageByDigest(p: PlatformOutputs, digest: string): string {
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`not an image digest: ${JSON.stringify(digest)}`);
  return `${p.image_repository}/${imageName}@${digest}`;
}

/** The app root's apply: the migration job takes the image and runs, then the services take it. */
export function applyStep(env: Environment, image: string, autoApprove: boolean): Step {
  return {
    why: 'the migration job on the new image runs first (terraform_data.migration), then every service takes it',
    command: [
      'terraform',
      `-chdir=${appRoot(env)}`,
      'apply',
      `-var=image=${image}`,
      ...(autoApprove ? ['-auto-approve'] : []),
    ],
  };
}
