// A push queue's webhook for the soak: a real HTTP server on 127.0.0.1 that
// answers the validation handshake and takes deliveries, unless one of the
// faults the schedule switched on decides otherwise: a random 5xx, a 429 with
// Retry-After, an answer later than dispatch waits (the event processed all
// the same, as a slow receiver would), or no server at all (down).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TakeLog } from './soak-takes';

export interface SinkFaultState {
  /** Share of deliveries answered 500/502/503. */
  errorRate: number;
  /** Share answered 429 with `Retry-After: retryAfterSeconds`. */
  tooManyRate: number;
  retryAfterSeconds: number;
  /** Share processed but answered after `lateAnswerMs` (beyond dispatch's delivery timeout). */
  timeoutRate: number;
  lateAnswerMs: number;
}

export const NO_FAULTS: SinkFaultState = {
  errorRate: 0,
  tooManyRate: 0,
  retryAfterSeconds: 0,
  timeoutRate: 0,
  lateAnswerMs: 0,
};

export interface SinkCounts {
  answered: Record<string, number>;
}

const ERROR_STATUSES = [500, 502, 503] as const;

export class FaultSink {
  readonly faults: SinkFaultState = { ...NO_FAULTS };
  readonly counts: SinkCounts = { answered: {} };
  private server: http.Server | undefined;
  private port = 0;
  private readonly lateTimers = new Set<NodeJS.Timeout>();

  constructor(
    /** tenant/queue: what its takes are recorded under. */
    readonly queue: string,
    private readonly takes: TakeLog,
    private readonly random: () => number = Math.random,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Down: the port refuses connections, and what was in progress is cut. */
  async goDown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Up again on the same port (the queue's sink URL does not change). */
  comeBack(): Promise<void> {
    return this.start();
  }

  close(): Promise<void> {
    for (const timer of this.lateTimers) clearTimeout(timer);
    return this.goDown();
  }

  private answer(res: http.ServerResponse, status: number, headers: Record<string, string> = {}): void {
    this.counts.answered[String(status)] = (this.counts.answered[String(status)] ?? 0) + 1;
    res.writeHead(status, headers).end();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { 'webhook-allowed-origin': String(req.headers['webhook-request-origin'] ?? '*') });
      res.end();
      return;
    }
    req.resume();
    req.on('end', () => {
      // Binary mode: the id is a header (percent-encoded by the HTTP binding).
      const eventId = decodeURIComponent(String(req.headers['ce-id'] ?? ''));
      const { faults } = this;
      const roll = this.random();
      if (roll < faults.errorRate) {
        this.answer(res, ERROR_STATUSES[Math.floor(this.random() * ERROR_STATUSES.length)]!);
        return;
      }
      if (roll < faults.errorRate + faults.tooManyRate) {
        this.answer(res, 429, { 'retry-after': String(faults.retryAfterSeconds) });
        return;
      }
      const late = roll < faults.errorRate + faults.tooManyRate + faults.timeoutRate;
      this.takes.record({ queue: this.queue, eventId, at: Date.now(), late });
      if (!late) {
        this.answer(res, 204);
        return;
      }
      const timer = setTimeout(() => {
        this.lateTimers.delete(timer);
        if (!res.destroyed) this.answer(res, 204);
      }, faults.lateAnswerMs);
      this.lateTimers.add(timer);
    });
  }
}
