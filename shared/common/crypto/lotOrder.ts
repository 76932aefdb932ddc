import { createHash } from 'node:crypto';
import { lotKey, lotOrderBy } from '../../../schemas/verdict.js';

/**
 * The lot's order of the options (docs/rules.md, "Ties"): by SHA-256 of `root:option`, lowest first. The root
 * is unknown until the seal, so nobody can steer it; anyone can redo it from the published tracker (the browser
 * does, with WebCrypto).
 */
export function lotOrder(root: string, optionIds: readonly string[]): string[] {
  return lotOrderBy(
    optionIds,
    new Map(optionIds.map((id) => [id, createHash('sha256').update(lotKey(root, id)).digest('hex')])),
  );
}
