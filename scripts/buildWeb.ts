/**
 * The web app's build: web/src bundled by esbuild into one ES module
 * (app.js), beside index.html, app.css and the strings (i18n/*.json), into
 * `outDir`. `npm start` builds it into the stack's folder, `npm run build`
 * into dist/web, and the browser test into a folder of its own; the events
 * function serves the folder (WEB_APP_DIR).
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const web = fileURLToPath(new URL('../web', import.meta.url));

export async function buildWebApp(outDir: string): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(web, 'src/main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    outfile: path.join(outDir, 'app.js'),
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'app.css', 'i18n'])
    cpSync(path.join(web, file), path.join(outDir, file), { recursive: true });
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = process.argv[2] ?? 'dist/web';
  await buildWebApp(out);
  console.log(`web app built into ${out}`);
}
