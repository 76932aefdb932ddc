/**
 * `npm run -s dev:jwt -- <subject> [--ttl seconds]`: prints a JWT for the
 * subject, signed by the local stack's dev identity provider.
 */
import { parseArgs } from 'node:util';
import { loadLocalStackConfig } from '../local/config.js';
import { loadOrCreateKeys, mintJwt } from '../local/idp/devIdp.js';
import { readJson, stackPaths, type StackJson } from '../local/stack/stackFiles.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { ttl: { type: 'string', default: '3600' } },
});
const subject = positionals[0];
const ttl = Number(values.ttl);
if (!subject || !Number.isInteger(ttl) || ttl <= 0) {
  console.error('usage: npm run -s dev:jwt -- <subject> [--ttl seconds]');
  process.exit(2);
}
const paths = stackPaths(loadLocalStackConfig().EKKLESIA_DIR);
const stack = readJson<StackJson>(paths.stackJson);
if (!stack) {
  console.error(`no local stack found in ${paths.root}: run npm start first`);
  process.exit(1);
}
console.log(
  await mintJwt(await loadOrCreateKeys(paths.root), {
    issuer: stack.issuer,
    audience: stack.audience,
    subject,
    ttlSeconds: ttl,
  }),
);
