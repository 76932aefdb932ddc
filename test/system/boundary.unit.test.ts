/**
 * The trust boundary as a tested fact: what each deployable loads at run
 * time, followed through every static and dynamic import from its entry
 * point. The registry side (the events function and the workers) never loads
 * ballot-box code; the ballot side (the elections function) never loads
 * registry code; no deployable loads development code; and neutral code
 * (shared/common/) imports neither side.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chain, importGraph, runtimeImports } from '../helpers/importGraph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entries = globSync(['functions/*/index.ts', 'workers/*/index.ts'], { cwd: root }).sort();
const ballotSide = (entry: string) =>
  entry.startsWith('functions/elections/') || entry.startsWith('functions/ballotTasks/');

const forbidden = {
  registry: ['shared/ballot_box/', 'functions/elections/'],
  ballot: ['shared/registry/', 'functions/events/', 'workers/'],
  anyDeployable: ['local/', 'scripts/', 'test/', 'shared/database/'],
};

test('every deployable is found: the events and elections functions, the ballot task handler and the four workers', () => {
  assert.deepEqual(entries, [
    'functions/ballotTasks/index.ts',
    'functions/elections/index.ts',
    'functions/events/index.ts',
    'workers/audit/index.ts',
    'workers/lifecycle/index.ts',
    'workers/metering/index.ts',
    'workers/relay/index.ts',
  ]);
});

for (const entry of entries) {
  const side = ballotSide(entry) ? 'ballot' : 'registry';
  test(`${entry} (${side} side) loads nothing of the other side and no development code`, () => {
    const graph = importGraph(root, entry);
    assert.deepEqual(graph.problems, []);
    // Not vacuous: the graph reaches the side's own database code.
    const own = side === 'ballot' ? 'shared/ballot_box/db/' : 'shared/registry/db/';
    assert.ok(
      [...graph.files].some((f) => f.startsWith(own)),
      `${entry} reaches ${own}`,
    );
    for (const file of graph.files) {
      for (const prefix of [...forbidden[side], ...forbidden.anyDeployable]) {
        assert.ok(!file.startsWith(prefix), `${entry} loads ${file}: ${chain(graph, file)}`);
      }
    }
  });
}

test('the elections function follows its dynamic imports (usage reports) into neutral code only', () => {
  const graph = importGraph(root, 'functions/elections/index.ts');
  assert.ok(graph.files.has('shared/common/pubsub/publisher.ts'), 'the lazily loaded publisher is in the graph');
  assert.ok(!graph.files.has('shared/registry/electionKeys.ts'));
});

test('neutral code imports neither side; each side imports nothing of the other', () => {
  const rules: [string, string[]][] = [
    ['shared/common/', ['shared/registry/', 'shared/ballot_box/', 'functions/', 'workers/']],
    ['shared/registry/', ['shared/ballot_box/', 'functions/elections/']],
    ['shared/ballot_box/', ['shared/registry/', 'functions/events/', 'workers/']],
  ];
  let checked = 0;
  for (const [folder, banned] of rules) {
    for (const file of globSync(`${folder}**/*.ts`, { cwd: root })) {
      checked++;
      const { specifiers } = runtimeImports(file, readFileSync(path.join(root, file), 'utf8'));
      const typeOnly = [
        ...readFileSync(path.join(root, file), 'utf8').matchAll(/import type [^;]+ from '([^']+)'/g),
      ].map((m) => m[1]!);
      for (const specifier of [...specifiers, ...typeOnly].filter((s) => s.startsWith('.'))) {
        const target = path.relative(root, path.resolve(path.dirname(path.join(root, file)), specifier));
        for (const prefix of banned) assert.ok(!target.startsWith(prefix), `${file} imports ${target}`);
      }
    }
  }
  assert.ok(checked > 40, `only ${checked} files checked`);
});
