/**
 * `npm run -s infra:readmes`: each infra/modules/<m>/README.md written from its
 * module: the intro kept from the README (or, for a new module, taken from
 * main.tf's opening comment), then its files, its inputs (type, default,
 * description) and its outputs, as test/infra checks them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { infraDir, loadTf } from './infra/terraform.js';

const modulesDir = path.join(infraDir, 'modules');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function intro(dir: string): string {
  const readme = path.join(dir, 'README.md');
  if (existsSync(readme)) {
    const text = readFileSync(readme, 'utf8');
    const kept = /^# .*\n\n([\s\S]*?)\n\nFiles: /.exec(text)?.[1];
    if (kept) return kept;
  }
  const comment = readFileSync(path.join(dir, 'main.tf'), 'utf8').match(/^(#.*\n)+/)?.[0] ?? '';
  return comment
    .split('\n')
    .map((l) => l.replace(/^# ?/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

for (const m of readdirSync(modulesDir).sort()) {
  const dir = path.join(modulesDir, m);
  const config = await loadTf(dir);
  const raw = config.raw.flatMap((doc) =>
    Object.entries((doc.output ?? {}) as Record<string, { description?: string }[]>),
  );
  const inputs = Object.entries(config.variables).map(([name, v]) => {
    const block = v as { type?: string; default?: unknown; description?: string };
    const type = String(block.type ?? '')
      .replace(/^\$\{|\}$/g, '')
      .split('\n')[0]!;
    const fallback = 'default' in block ? `\`${JSON.stringify(block.default)}\`` : '—';
    return `| \`${name}\` | \`${cell(type)}\` | ${cell(fallback)} | ${cell(block.description ?? '')} |`;
  });
  const outputs = raw.map(([name, [o]]) => `| \`${name}\` | ${cell(o?.description ?? '')} |`);
  const text = [
    `# \`${m}\``,
    '',
    intro(dir),
    '',
    `Files: ${config.files.map((f) => `\`${f}\``).join(', ')}.`,
    '',
    '## Inputs',
    '',
    '| name | type | default | description |',
    '|---|---|---|---|',
    ...inputs,
    '',
    '## Outputs',
    '',
    '| name | description |',
    '|---|---|',
    ...outputs,
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'README.md'), text);
}
console.log(`wrote ${readdirSync(modulesDir).length} module READMEs`);
