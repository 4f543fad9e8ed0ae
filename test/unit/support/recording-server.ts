// A real HTTP server on 127.0.0.1 for the unit tests of HTTP adapters: it
// records every request (method, path, headers, body, client port) and
// answers with whatever `respond` the test sets.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  /** Names and values as sent, duplicates included (Node keeps only the first Host in `headers`). */
  readonly rawHeaders: readonly string[];
  readonly body: string;
  readonly remotePort: number;
}

export type Responder = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface RecordingServer {
  readonly port: number;
  /** `127.0.0.1:<port>` */
  readonly host: string;
  readonly seen: SeenRequest[];
  /** TCP connections accepted since the last reset. */
  readonly connections: number;
  respond: Responder;
  /** Forgets what was seen and sets how to answer. */
  reset(respond: Responder): void;
  closeAllConnections(): void;
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      recording.seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: req.socket.remotePort!,
      });
      recording.respond(req, res);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const recording: RecordingServer = {
    port,
    host: `127.0.0.1:${port}`,
    seen: [],
    get connections() {
      return connections;
    },
    respond: (_req, res) => res.writeHead(204).end(),
    reset(respond) {
      recording.seen.length = 0;
      connections = 0;
      recording.respond = respond;
    },
    closeAllConnections: () => server.closeAllConnections(),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return recording;
}
