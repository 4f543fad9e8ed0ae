// A webhook sink inside the benchmark process, for the measurements that need
// to know when a delivery arrived (cold start, end to end, fan-out): it
// answers the validation handshake and calls back with each delivery.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** performance.now() when the whole request had arrived. */
  readonly at: number;
}

export interface RecordingSink {
  readonly url: string;
  onArrival(listener: ((arrival: Arrival) => void) | undefined): void;
  close(): Promise<void>;
}

export async function startRecordingSink(): Promise<RecordingSink> {
  let listener: ((arrival: Arrival) => void) | undefined;
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { 'webhook-allowed-origin': String(req.headers['webhook-request-origin'] ?? '*') });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(204).end();
      listener?.({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks), at });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    onArrival: (l) => {
      listener = l;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
