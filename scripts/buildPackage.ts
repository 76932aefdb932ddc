/**
 * The last step of `npm run build`: dist/package.json, which makes dist/ the
 * deploy package Cloud Run's Node functions buildpack builds (infra/README.md):
 * ES modules, Node 22, main deploy/entry.js (it loads the service's function
 * target), the runtime dependencies at the versions pinned here, and nothing
 * for development.
 */
import { readFileSync, writeFileSync } from 'node:fs';

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
writeFileSync('dist/package.json', `${JSON.stringify(deploy, null, 2)}\n`);
console.log(`dist/package.json: main ${deploy.main}, ${Object.keys(deploy.dependencies).length} runtime dependencies`);
