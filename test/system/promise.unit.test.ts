/** The README makes the threat model's promise, word for word: neither may say more than the other. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

test("the README states the threat model's promise word for word", () => {
  const model = read('docs/threat-model.md');
  const promise = /<!-- promise:[^>]*-->\n> (.+)\n/.exec(model)?.[1];
  assert.ok(promise && promise.length > 40, 'docs/threat-model.md marks its promise');
  const quoted = [...read('README.md').matchAll(/^> (.+)$/gm)].map((m) => m[1]);
  assert.ok(quoted.includes(promise), `the README quotes: ${promise}`);
});
