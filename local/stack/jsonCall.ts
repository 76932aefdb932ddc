/**
 * A JSON call over node:http(s) with a keep-alive agent: the status, the
 * parsed body, how long it took, and Retry-After when given. Scripts that
 * play thousands of voters on the machine they measure (npm run burst) use
 * it rather than fetch, whose streams cost the generator about three times
 * the CPU per request (bench/ANALYSIS.md, issue 27): on two shared cores the
 * generator's CPU is taken from the functions it measures.
 */
import http from 'node:http';
import https from 'node:https';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 512 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 512 }),
};

export type JsonAnswer<T> = { status: number; body: T; ms: number; retryAfterS?: number };

export function jsonCall<T>(method: string, url: string, auth?: string, body?: unknown): Promise<JsonAnswer<T>> {
  const started = performance.now();
  const target = new URL(url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = {};
  if (auth) headers.authorization = `Bearer ${auth}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
  const client = protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(target, { method, headers, agent: agents[protocol] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          const retryAfter = Number(res.headers['retry-after'] ?? NaN);
          resolve({
            ...(Number.isFinite(retryAfter) ? { retryAfterS: retryAfter } : {}),
            status: res.statusCode ?? 0,
            body: (text ? JSON.parse(text) : undefined) as T,
            ms: performance.now() - started,
          });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
