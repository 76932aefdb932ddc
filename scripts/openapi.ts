/**
 * `npm run openapi`: writes the OpenAPI documents the functions serve to
 * docs/openapi/ (a test fails when the committed ones are stale).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiDocuments } from './openapi/documents.js';

const dir = fileURLToPath(new URL('../docs/openapi', import.meta.url));
for (const [file, document] of Object.entries(apiDocuments())) {
  writeFileSync(`${dir}/${file}`, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote docs/openapi/${file}`);
}
