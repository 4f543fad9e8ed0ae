// A real webhook server on 127.0.0.1 for integration tests: it answers the
// CloudEvents validation handshake, records every delivery as received
// (headers and raw body), and answers with a status the test chooses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly status: number;
}

export type Responder = (delivery: Omit<ReceivedDelivery, 'status'>, attempt: number) => number;

export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  readonly handshakes: http.IncomingHttpHeaders[] = [];
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private responder: Responder,
  ) {}

  static async start(
    options: {
      responder?: Responder;
      allowOrigin?: string | null;
      allowedRate?: number;
      /** The body of every answer to a delivery. */
      answerBody?: string;
      /** Headers of the answer to each delivery (a reply event's ce- headers, for instance). */
      answerHeaders?: (delivery: {
        headers: http.IncomingHttpHeaders;
        body: Buffer;
      }) => Record<string, string>;
    } = {},
  ): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => receiver!.handle(req, Buffer.concat(chunks), res, options));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    receiver = new WebhookReceiver(server, url, options.responder ?? (() => 200));
    return receiver;
  }

  private handle(
    req: http.IncomingMessage,
    body: Buffer,
    res: http.ServerResponse,
    options: {
      allowOrigin?: string | null;
      allowedRate?: number;
      answerBody?: string;
      answerHeaders?: (delivery: {
        headers: http.IncomingHttpHeaders;
        body: Buffer;
      }) => Record<string, string>;
    },
  ): void {
    const { allowOrigin, allowedRate } = options;
    if (req.method === 'OPTIONS') {
      this.handshakes.push(req.headers);
      const origin = req.headers['webhook-request-origin'];
      if (allowOrigin === null) res.writeHead(200).end();
      else {
        const headers: Record<string, string> = { 'webhook-allowed-origin': allowOrigin ?? String(origin) };
        if (allowedRate !== undefined) headers['webhook-allowed-rate'] = String(allowedRate);
        res.writeHead(200, headers).end();
      }
      return;
    }
    const delivery = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    const attempt = this.received.length + 1;
    const status = this.responder(delivery, attempt);
    this.received.push({ ...delivery, status });
    res.writeHead(status, options.answerHeaders?.(delivery) ?? {}).end(options.answerBody);
    for (const wake of this.waiters.splice(0)) wake();
  }

  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  /** Deliveries the receiver answered with 2xx. */
  accepted(): ReceivedDelivery[] {
    return this.received.filter((d) => d.status >= 200 && d.status < 300);
  }

  /** Waits until `predicate` holds over what was received, or fails after `timeoutMs`. */
  async waitUntil(
    predicate: (r: WebhookReceiver) => boolean,
    timeoutMs = 20_000,
    what = 'deliveries',
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; received ${this.received.length}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitForAccepted(count: number, timeoutMs = 20_000): Promise<ReceivedDelivery[]> {
    await this.waitUntil((r) => r.accepted().length >= count, timeoutMs, `${count} accepted deliveries`);
    return this.accepted();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
