/**
 * Client options that point a Google client library at a local stand-in
 * (local/standIns/) instead of Google: its REST transport (`fallback`),
 * plain HTTP to the stand-in's address, and no credentials. Production
 * passes no endpoint and builds its clients with their defaults.
 */
export async function standInOptions(endpoint: string) {
  const { PassThroughClient } = await import('google-auth-library');
  const url = new URL(endpoint);
  return {
    fallback: true,
    protocol: url.protocol.replace(':', ''),
    apiEndpoint: url.hostname,
    port: Number(url.port),
    authClient: new PassThroughClient(),
  };
}
