/**
 * Every repository path named in a Markdown file or in a comment of the code
 * exists (a renamed or moved file leaves no pointer behind). A path is a
 * mention that starts with one of the tree's top folders; `x.js` may name the
 * `x.ts` it is compiled from, `{a,b}` names both, `<name>`, `*` and a
 * placeholder in capitals (`ENV`, as in commands an operator completes)
 * stand for any one entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const tops = [
  'functions',
  'workers',
  'shared',
  'schemas',
  'local',
  'scripts',
  'test',
  'web',
  'deploy',
  'infra',
  'docs',
  'bench',
  'artillery',
];
const mention = new RegExp(`(?<![\\w./-])((?:${tops.join('|')})/[A-Za-z0-9_./{},<>*-]*[A-Za-z0-9_/>}*])`, 'g');

const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
// Files only: an untracked link to a folder (a worktree's node_modules) is not a document.
const files = [...tracked, ...untracked].filter(
  (f) => existsSync(path.join(root, f)) && statSync(path.join(root, f)).isFile(),
);

/** The text a file says paths in: all of a Markdown file, the comments of code. */
function prose(file: string, text: string): string {
  if (file.endsWith('.md')) return text;
  if (/\.(ts|cjs|js|css)$/.test(file))
    return [...text.matchAll(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g)].map((m) => m[0]).join('\n');
  if (/\.(tf|sh)$|^\.ci\//.test(file)) return [...text.matchAll(/#[^\n]*/g)].map((m) => m[0]).join('\n');
  if (file.endsWith('.sql')) return [...text.matchAll(/--[^\n]*/g)].map((m) => m[0]).join('\n');
  return '';
}

const expand = (p: string): string[] => {
  const brace = /\{([^{}]*)\}/.exec(p);
  return brace ? brace[1]!.split(',').flatMap((alt) => expand(p.replace(brace[0], alt))) : [p];
};

/** Whether a mentioned path names something: a file, a folder, a .ts for a .js, any entry for <name> or *. */
function exists(p: string): boolean {
  const parts = p.replace(/\/$/, '').split('/');
  const walk = (dir: string, i: number): boolean => {
    if (i === parts.length) return true;
    const part = parts[i]!;
    const here = path.join(dir, part);
    if (/<[^>]*>|\*|^[A-Z][A-Z_]*$/.test(part)) {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
      const pattern = new RegExp(`^${part.replace(/[.]/g, '\\.').replace(/\*|<[^>]*>|^[A-Z][A-Z_]*$/g, '.*')}$`);
      return readdirSync(dir).some((e) => pattern.test(e) && walk(path.join(dir, e), i + 1));
    }
    if (existsSync(here)) return walk(here, i + 1);
    return i === parts.length - 1 && part.endsWith('.js') && existsSync(here.replace(/\.js$/, '.ts'));
  };
  return walk(root, 0);
}

test('every repo path a document or a comment names exists', () => {
  const dangling: string[] = [];
  let seen = 0;
  for (const file of files) {
    if (file.startsWith('docs/openapi/') || file.endsWith('.json') || file.includes('lock')) continue;
    const text = prose(file, readFileSync(path.join(root, file), 'utf8'));
    for (const m of text.matchAll(mention)) {
      const named = m[1]!.replace(/[.,:;)]+$/, '');
      for (const p of expand(named)) {
        seen++;
        if (!exists(p)) dangling.push(`${file}: ${p}`);
      }
    }
  }
  assert.ok(seen > 200, `${seen} path mentions read`);
  assert.deepEqual(dangling, []);
});
