/**
 * The key ring and the CryptoKey the elections' key versions live under,
 * made on the local KMS stand-in (the local stack, the tests) with the real
 * client. In production Terraform makes them.
 */
import { KeyManagementServiceClient } from '@google-cloud/kms';
import { standInOptions } from '../../shared/common/gcp/standInOptions.js';

/** `projects/P/locations/L/keyRings/R/cryptoKeys/K`, made unless it exists. */
export async function ensureCryptoKey(endpoint: string, keyName: string): Promise<void> {
  const [, project, location, ring, key] =
    /^projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys\/([^/]+)$/.exec(keyName) ?? [];
  if (!key) throw new Error(`not a CryptoKey name: ${keyName}`);
  const kms = new KeyManagementServiceClient(
    (await standInOptions(endpoint)) as ConstructorParameters<typeof KeyManagementServiceClient>[0],
  );
  const exists = (err: unknown) => {
    if ((err as { code?: number }).code !== 6 /* ALREADY_EXISTS */) throw err;
  };
  try {
    await kms
      .createKeyRing({ parent: `projects/${project}/locations/${location}`, keyRingId: ring, keyRing: {} })
      .catch(exists);
    await kms
      .createCryptoKey({
        parent: `projects/${project}/locations/${location}/keyRings/${ring}`,
        cryptoKeyId: key,
        cryptoKey: { purpose: 'ENCRYPT_DECRYPT' },
        skipInitialVersionCreation: true,
      })
      .catch(exists);
  } finally {
    await kms.close();
  }
}
