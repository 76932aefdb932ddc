/**
 * S2S keys. Each deployment holds one or two master secrets, each with an id
 * (rotation: the elections function accepts both while the events function
 * moves to the new one). The key that signs an org's requests is derived per
 * tenant: HMAC-SHA256(master, "ekklesia-s2s:" ‖ org), so no two orgs share a key.
 * Format of the setting: "id1:base64url-secret[,id2:base64url-secret]".
 */
import { createHmac } from 'node:crypto';

export type MasterKeys = ReadonlyMap<string, Buffer>;

export function parseMasterKeys(setting: string): MasterKeys {
  const keys = new Map<string, Buffer>();
  for (const part of setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]+={0,2})$/.exec(part);
    if (!match) throw new Error('each key must look like id:base64url-secret');
    const secret = Buffer.from(match[2]!, 'base64url');
    if (secret.length < 32) throw new Error(`key ${match[1]} must hold at least 32 bytes`);
    if (keys.has(match[1]!)) throw new Error(`key id ${match[1]} appears twice`);
    keys.set(match[1]!, secret);
  }
  if (keys.size === 0 || keys.size > 2) throw new Error('needs one or two keys (two while rotating)');
  return keys;
}

export function tenantKey(master: Buffer, orgId: string): Buffer {
  return createHmac('sha256', master).update(`ekklesia-s2s:${orgId}`).digest();
}
