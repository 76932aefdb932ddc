/** The web app's strings: English and German say the same things, and every key the pages ask for exists. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { errorStatuses } from '../../shared/common/http/errors.js';

const root = path.resolve(import.meta.dirname, '../../web');
const strings = (lang: string) => JSON.parse(readFileSync(path.join(root, 'i18n', `${lang}.json`), 'utf8')) as object;

test('en.json and de.json have the same keys', () => {
  assert.deepEqual(Object.keys(strings('de')).sort(), Object.keys(strings('en')).sort());
});

test('every key a page names literally is in both languages, with the same placeholders', () => {
  const en = strings('en') as Record<string, string>;
  const de = strings('de') as Record<string, string>;
  const used = new Set<string>();
  for (const file of readdirSync(path.join(root, 'src'))) {
    const source = readFileSync(path.join(root, 'src', file), 'utf8');
    for (const m of source.matchAll(/\bt\(\s*strings,\s*'([a-zA-Z_.]+)'/g)) used.add(m[1]!);
    // A count's key has a form per plural category the languages use (one, other).
    for (const m of source.matchAll(/\btn\(\s*strings,\s*'([a-zA-Z_.]+)'/g))
      used.add(`${m[1]}.one`).add(`${m[1]}.other`);
  }
  assert.ok(used.size > 20, `${used.size} keys found in the pages`);
  for (const key of used) assert.ok(key in en && key in de, `${key} is in both languages`);
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en)) assert.deepEqual(placeholders(de[key]!), placeholders(en[key]!), key);
});

test('every error code of the contract has a sentence in both languages', () => {
  const en = strings('en') as Record<string, string>;
  const de = strings('de') as Record<string, string>;
  for (const code of [...Object.keys(errorStatuses), 'offline', 'unknown'])
    assert.ok(`error.${code}` in en && `error.${code}` in de, `error.${code}`);
});
