// A push endpoint of a test's own that records each push envelope the engine
// sends (its deliveryAttempt, message id, attributes, the time it came) and
// answers as the test chooses, possibly after a delay.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  readonly at: number;
  readonly subscription: string;
  readonly deliveryAttempt?: number;
  readonly messageId: string;
  readonly attributes: Record<string, string>;
  readonly authorization?: string;
}

export type PushResponder = (
  push: ReceivedPush,
  index: number,
) => number | { status: number; afterMs: number };

export class EnvelopeReceiver {
  readonly pushes: ReceivedPush[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    public responder: PushResponder,
  ) {}

  static async start(responder: PushResponder = () => 204): Promise<EnvelopeReceiver> {
    let receiver: EnvelopeReceiver | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => receiver!.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new EnvelopeReceiver(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      responder,
    );
    return receiver;
  }

  private handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const envelope = JSON.parse(body.toString('utf8')) as {
      subscription: string;
      deliveryAttempt?: number;
      message: { messageId: string; attributes?: Record<string, string> };
    };
    const push: ReceivedPush = {
      at: Date.now(),
      subscription: envelope.subscription,
      deliveryAttempt: envelope.deliveryAttempt,
      messageId: envelope.message.messageId,
      attributes: envelope.message.attributes ?? {},
      authorization: req.headers.authorization,
    };
    this.pushes.push(push);
    const answer = this.responder(push, this.pushes.length);
    const { status, afterMs } = typeof answer === 'number' ? { status: answer, afterMs: 0 } : answer;
    const timer = setTimeout(() => res.writeHead(status).end(), afterMs);
    res.on('close', () => clearTimeout(timer));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
