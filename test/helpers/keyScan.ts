/**
 * What an operator with the machine's files could try after the seal: take
 * every run of 32 bytes in every file (heap, indexes, WAL, logs, the key
 * stand-in's files) as a candidate token secret, and every hex or base64 text
 * that decodes to 32 bytes, derive each member's token from it, and look the
 * token's receipt up in the published tracker.
 *
 * Runs of bytes are filtered first: a random 32-byte key has about 30 distinct
 * byte values (fewer than 20 with a probability near 1e-8), while catalog
 * rows, text and padding have far fewer; only runs with 20 or more are tried.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { deriveToken, receiptFor } from '../../shared/common/crypto/index.js';

export type Finding = { file: string; offset: number; subject: string; form: 'bytes' | 'text' };

function* files(root: string): Generator<string> {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

const minDistinct = 20;

/** Windows of 32 bytes with at least `minDistinct` distinct byte values, by offset. */
function* randomLookingWindows(bytes: Buffer): Generator<number> {
  const counts = new Uint16Array(256);
  let distinct = 0;
  for (let i = 0; i < bytes.length; i++) {
    const enter = bytes[i]!;
    if (counts[enter] === 0) distinct++;
    counts[enter] = counts[enter]! + 1;
    if (i >= 32) {
      const leave = bytes[i - 32]!;
      counts[leave] = counts[leave]! - 1;
      if (counts[leave] === 0) distinct--;
    }
    if (i >= 31 && distinct >= minDistinct) yield i - 31;
  }
}

function* textForms(bytes: Buffer): Generator<{ offset: number; key: Buffer }> {
  const text = bytes.toString('latin1');
  for (const m of text.matchAll(/(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g)) {
    yield { offset: m.index, key: Buffer.from(m[0], 'hex') };
  }
  for (const m of text.matchAll(/(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{43}=?(?![A-Za-z0-9+/_-])/g)) {
    yield { offset: m.index, key: Buffer.from(m[0].replace(/=$/, ''), 'base64url') };
  }
}

export type ScanStats = { files: number; bytes: number; tried: number };

/** Every place under `root` whose bytes derive a member's token whose receipt is in the tracker. */
export function scanForTokenSecret(
  root: string,
  subjects: string[],
  receipts: Set<string>,
): { findings: Finding[]; stats: ScanStats } {
  const findings: Finding[] = [];
  const stats: ScanStats = { files: 0, bytes: 0, tried: 0 };
  const tried = new Set<string>();
  const check = (file: string, offset: number, key: Buffer, form: Finding['form']) => {
    const id = key.toString('latin1');
    if (tried.has(id)) return;
    tried.add(id);
    for (const subject of subjects) {
      if (receipts.has(receiptFor(deriveToken(key, subject)))) findings.push({ file, offset, subject, form });
    }
  };
  for (const file of files(root)) {
    if (statSync(file).size === 0) continue;
    const bytes = readFileSync(file);
    stats.files++;
    stats.bytes += bytes.length;
    for (const offset of randomLookingWindows(bytes)) check(file, offset, bytes.subarray(offset, offset + 32), 'bytes');
    for (const { offset, key } of textForms(bytes)) if (key.length === 32) check(file, offset, key, 'text');
  }
  stats.tried = tried.size;
  return { findings, stats };
}
