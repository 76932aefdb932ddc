/**
 * The last step of `npm run build`: dist/package.json, which makes dist/ the
 * deploy package the release image is built from (deploy/Dockerfile, copied
 * in with its .dockerignore and Cloud Build config; infra/README.md, "Releases"):
 * ES modules, Node 22, main deploy/entry.js (it loads the service's function
 * target), the runtime dependencies at the versions pinned here, and nothing
 * for development; and dist/package-lock.json, the root lock without what
 * only development needs, so `npm ci --omit=dev` installs exactly the
 * versions the tests ran with (nothing floats between builds).
 * `node scripts/buildPackage.ts [outDir]` (dist by default).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const out = process.argv[2] ?? 'dist';

const root = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};
const deploy = {
  name: `${root.name}-deploy`,
  version: root.version,
  private: true,
  type: 'module',
  engines: { node: '22' },
  main: 'deploy/entry.js',
  scripts: { start: 'functions-framework' },
  dependencies: root.dependencies,
};
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(deploy, null, 2)}\n`);

type LockEntry = { dev?: boolean; [k: string]: unknown };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockEntry>;
  [k: string]: unknown;
};
const packages: Record<string, LockEntry> = {
  '': { name: deploy.name, version: deploy.version, dependencies: deploy.dependencies, engines: deploy.engines },
};
for (const [where, entry] of Object.entries(lock.packages)) if (where && !entry.dev) packages[where] = entry;
writeFileSync(
  path.join(out, 'package-lock.json'),
  `${JSON.stringify({ ...lock, name: deploy.name, packages }, null, 2)}\n`,
);
// What `gcloud builds submit dist` builds: the image's recipe, what it leaves out, and Cloud Build's steps.
copyFileSync('deploy/Dockerfile', path.join(out, 'Dockerfile'));
copyFileSync('deploy/dockerignore', path.join(out, '.dockerignore'));
copyFileSync('deploy/cloudbuild.yaml', path.join(out, 'cloudbuild.yaml'));
console.log(
  `${out}/package.json: main ${deploy.main}, ${Object.keys(deploy.dependencies).length} runtime dependencies; ` +
    `package-lock.json: ${Object.keys(packages).length - 1} locked packages`,
);
