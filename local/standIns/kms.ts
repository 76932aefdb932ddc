/**
 * A local stand-in for Cloud KMS, for the local stack and the tests: the
 * real `@google-cloud/kms` client talks to it over its REST transport
 * (`fallback: true`, JSON, enums as integers), as it would to
 * cloudkms.googleapis.com. It keeps what the registry must not: each key
 * version's material, one file per version in its own folder, outside
 * PostgreSQL. Destroying a version overwrites and deletes its file, at once
 * (Cloud KMS schedules the destruction; see docs/threat-model.md).
 *
 * Supported, as the project uses them (https://cloud.google.com/kms/docs/reference/rest):
 *   POST /v1/{parent=projects/x/locations/y}/keyRings?keyRingId=r
 *   POST /v1/{parent=…/keyRings/r}/cryptoKeys?cryptoKeyId=k
 *   POST /v1/{parent=…/cryptoKeys/k}/cryptoKeyVersions
 *   POST /v1/{name=…/cryptoKeyVersions/n}:encrypt      {plaintext, additionalAuthenticatedData?}
 *   POST /v1/{name=…/cryptoKeys/k}:decrypt             {ciphertext, additionalAuthenticatedData?}
 *   POST /v1/{name=…/cryptoKeyVersions/n}:destroy
 * A ciphertext is "ekv1" ‖ version (uint32) ‖ IV (12) ‖ GCM tag (16) ‖ AES-256-GCM of the plaintext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { GoogleApiError as KmsError, serveGoogleRest } from './googleRest.js';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
  fsyncSync,
  closeSync,
} from 'node:fs';
import path from 'node:path';

/** `requests` counts the calls by method (createCryptoKeyVersion, encrypt, decrypt, destroy…), for tests. */
export type KmsStandIn = { endpoint: string; requests: Map<string, number>; close: () => Promise<void> };

/** Cloud KMS's CryptoKeyVersionState values, as the REST transport sends them. */
const state = { ENABLED: 1, DESTROYED: 3 } as const;
const magic = Buffer.from('ekv1');

const segment = '[A-Za-z0-9_-]{1,63}';
const keyRingsPath = new RegExp(`^/v1/(projects/${segment}/locations/${segment})/keyRings$`);
const cryptoKeysPath = new RegExp(`^/v1/(projects/${segment}/locations/${segment}/keyRings/${segment})/cryptoKeys$`);
const keyName = `projects/${segment}/locations/${segment}/keyRings/${segment}/cryptoKeys/${segment}`;
const versionsPath = new RegExp(`^/v1/(${keyName})/cryptoKeyVersions$`);
const versionAction = new RegExp(`^/v1/(${keyName})/cryptoKeyVersions/(\\d{1,9}):(encrypt|destroy)$`);
const keyAction = new RegExp(`^/v1/(${keyName}):decrypt$`);

export async function startKmsStandIn(dir: string, port = 0, host = '127.0.0.1'): Promise<KmsStandIn> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const folder = (name: string) => path.join(dir, ...name.split('/'));
  const versionFile = (key: string, n: number) => path.join(folder(key), 'versions', `${n}.key`);

  function create(name: string): { name: string } {
    if (existsSync(folder(name))) throw new KmsError(409, 'ALREADY_EXISTS', `${name} already exists`);
    mkdirSync(path.join(folder(name), 'versions'), { recursive: true, mode: 0o700 });
    return { name };
  }

  function requireKey(key: string): void {
    if (!existsSync(path.join(folder(key), 'versions'))) throw new KmsError(404, 'NOT_FOUND', `${key} not found`);
  }

  function newVersion(key: string) {
    requireKey(key);
    const counter = path.join(folder(key), 'next');
    const n = existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 1;
    writeFileSync(counter, String(n + 1));
    writeFileSync(versionFile(key, n), randomBytes(32), { mode: 0o600 });
    return { name: `${key}/cryptoKeyVersions/${n}`, state: state.ENABLED };
  }

  function material(key: string, n: number): Buffer {
    const file = versionFile(key, n);
    if (!existsSync(file)) {
      throw new KmsError(
        400,
        'FAILED_PRECONDITION',
        `${key}/cryptoKeyVersions/${n} is not enabled, current state is: DESTROYED`,
      );
    }
    return readFileSync(file);
  }

  function encrypt(key: string, n: number, body: { plaintext?: string; additionalAuthenticatedData?: string }) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', material(key, n), iv);
    cipher.setAAD(Buffer.from(body.additionalAuthenticatedData ?? '', 'base64'));
    const sealed = Buffer.concat([cipher.update(Buffer.from(body.plaintext ?? '', 'base64')), cipher.final()]);
    const version = Buffer.alloc(4);
    version.writeUInt32BE(n);
    const ciphertext = Buffer.concat([magic, version, iv, cipher.getAuthTag(), sealed]);
    return { name: `${key}/cryptoKeyVersions/${n}`, ciphertext: ciphertext.toString('base64') };
  }

  function decrypt(key: string, body: { ciphertext?: string; additionalAuthenticatedData?: string }) {
    const bytes = Buffer.from(body.ciphertext ?? '', 'base64');
    if (bytes.length < 36 || !bytes.subarray(0, 4).equals(magic)) {
      throw new KmsError(400, 'INVALID_ARGUMENT', 'Decryption failed: the ciphertext is invalid.');
    }
    const n = bytes.readUInt32BE(4);
    const decipher = createDecipheriv('aes-256-gcm', material(key, n), bytes.subarray(8, 20));
    decipher.setAuthTag(bytes.subarray(20, 36));
    decipher.setAAD(Buffer.from(body.additionalAuthenticatedData ?? '', 'base64'));
    try {
      const plaintext = Buffer.concat([decipher.update(bytes.subarray(36)), decipher.final()]);
      return { plaintext: plaintext.toString('base64') };
    } catch {
      throw new KmsError(400, 'INVALID_ARGUMENT', 'Decryption failed: the ciphertext is invalid.');
    }
  }

  function destroy(key: string, n: number) {
    const file = versionFile(key, n);
    if (existsSync(file)) {
      // Overwrite before unlinking, so the material does not linger in the file's blocks.
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(32));
      fsyncSync(fd);
      closeSync(fd);
      rmSync(file);
    }
    return { name: `${key}/cryptoKeyVersions/${n}`, state: state.DESTROYED };
  }

  const requests = new Map<string, number>();
  const count = (method: string) => requests.set(method, (requests.get(method) ?? 0) + 1);

  function route(method: string, url: URL, raw: Record<string, unknown>): unknown {
    if (method !== 'POST') throw new KmsError(404, 'NOT_FOUND', `no such method: ${method}`);
    const body = raw as Record<string, string | undefined>;
    let m: RegExpExecArray | null;
    count(
      /:(\w+)$/.exec(url.pathname)?.[1] ??
        (url.pathname.endsWith('/cryptoKeyVersions') ? 'createCryptoKeyVersion' : 'create'),
    );
    if ((m = keyRingsPath.exec(url.pathname))) return create(`${m[1]}/keyRings/${url.searchParams.get('keyRingId')}`);
    if ((m = cryptoKeysPath.exec(url.pathname)))
      return create(`${m[1]}/cryptoKeys/${url.searchParams.get('cryptoKeyId')}`);
    if ((m = versionsPath.exec(url.pathname))) return newVersion(m[1]!);
    if ((m = versionAction.exec(url.pathname))) {
      requireKey(m[1]!);
      return m[3] === 'encrypt' ? encrypt(m[1]!, Number(m[2]), body) : destroy(m[1]!, Number(m[2]));
    }
    if ((m = keyAction.exec(url.pathname))) {
      requireKey(m[1]!);
      return decrypt(m[1]!, body);
    }
    throw new KmsError(404, 'NOT_FOUND', `no such method: POST ${url.pathname}`);
  }

  const rest = await serveGoogleRest(route, port, host);
  return { endpoint: rest.endpoint, requests, close: rest.close };
}
