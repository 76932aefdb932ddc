/**
 * An answer sent before the request's body was read (401 before a byte of it,
 * 413 for a declared or counted size over 64 KiB) must reach the client as
 * that answer. Closing a socket that still has unread data makes TCP reset
 * the connection, and a client that reads only after it has sent its body
 * then loses the answer (a 16 MiB upload answered 413 was lost 100 times out
 * of 100 when @hono/node-server closed the socket 500 ms after the answer).
 * As Go's net/http does: a body of up to 256 KiB is read and discarded after
 * the answer, and the connection kept; a longer one (or one of no declared
 * length) gets `Connection: close`, and the socket is half-closed after the
 * answer and kept reading (and dropping) what the client still sends, while
 * it keeps sending, for at most 30 s, before it goes.
 * For the bare server (serve.ts); functions-framework reads the whole body
 * first, and in production Cloud Run's front end holds the client's connection.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

const discardLimitBytes = 256 * 1024;
/** The client is taken to have stopped sending after this long without a byte. */
const idleMs = 1000;
const lingerAtMostMs = 30_000;

export function keepEarlyAnswers(server: Server): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' || req.method === 'HEAD') return;
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      const declared = Number(req.headers['content-length'] ?? Number.NaN);
      if (!req.complete && !(declared <= discardLimitBytes)) {
        this.shouldKeepAlive = false; // Connection: close
        lingerAfterAnswer(req.socket);
      }
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['writeHead'];
  });
}

/** Node closes a `Connection: close` socket with destroySoon() once the answer is written: half-close instead. */
function lingerAfterAnswer(socket: Socket): void {
  socket.destroySoon = function (this: Socket) {
    this.end(); // FIN after the answer
    const gone = () => {
      clearTimeout(idle);
      clearTimeout(cap);
      this.destroy();
    };
    let idle = setTimeout(gone, idleMs);
    const cap = setTimeout(gone, lingerAtMostMs);
    this.on('data', () => {
      clearTimeout(idle);
      idle = setTimeout(gone, idleMs);
    });
    this.once('end', gone);
    this.once('close', gone);
    this.resume();
  };
}
