/**
 * What the local stand-ins for Google APIs share (KMS, Cloud Tasks): a
 * loopback HTTP server that answers the client libraries' REST transport
 * (`fallback: true`) with JSON, and Google's error shape
 * `{error: {code, message, status}}`, whose status the clients turn into a
 * gRPC code.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export class GoogleApiError extends Error {
  constructor(
    readonly http: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

export type Route = (method: string, url: URL, body: Record<string, unknown>) => unknown;

export type RestServer = { endpoint: string; close: () => Promise<void> };

/** Serves `route` (which may answer later) on `host:port` (0: a free port); a GoogleApiError is answered in Google's shape. */
export function serveGoogleRest(route: Route, port: number, host: string): Promise<RestServer> {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const answered = (async () => {
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        return route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://stand-in'), body);
      })();
      answered.then(
        (answer) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)),
        (err: unknown) => {
          const e = err instanceof GoogleApiError ? err : new GoogleApiError(400, 'INVALID_ARGUMENT', String(err));
          res
            .writeHead(e.http, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: e.http, message: e.message, status: e.status } }));
        },
      );
    });
  };
  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address() as { port: number };
      resolve({
        endpoint: `http://${host}:${bound}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
