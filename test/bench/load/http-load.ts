// A bounded, fixed-concurrency HTTP/1.1 load generator for 127.0.0.1 only.
// Each of `concurrency` keep-alive connections sends one pre-built request,
// waits for the whole answer, and sends the next: a closed loop, so the load
// never exceeds what the server takes. It writes raw bytes and parses only the
// status line and the body framing, so that on a 2-core machine it costs far
// less CPU than the servers it measures (node:http would cost about as much as
// the forwarder under test, and flatten every ratio towards 1).
import net from 'node:net';

export interface LoadOptions {
  readonly port: number;
  /** Complete HTTP/1.1 requests (head and body), sent in turn. */
  readonly requests: readonly Buffer[];
  readonly concurrency: number;
  /** Stop after this many answers in the measured window... */
  readonly totalRequests?: number;
  /** ...or after this long, whichever comes first. */
  readonly durationMs?: number;
  /** Answers before the measured window starts (not recorded). */
  readonly warmupMs?: number;
}

export interface LoadResult {
  readonly completed: number;
  readonly elapsedMs: number;
  readonly requestsPerSecond: number;
  /** Latency of each measured answer, ms, in completion order. */
  readonly latenciesMs: Float64Array;
  readonly statuses: Readonly<Record<number, number>>;
  readonly errors: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('0\r\n\r\n');
const MAX_ERRORS = 200;

/** A request as bytes, with content-length and keep-alive. */
export function rawRequest(
  method: string,
  path: string,
  headers: Readonly<Record<string, string>>,
  body: Buffer = Buffer.alloc(0),
): Buffer {
  let head = `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  head += `content-length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

interface Parsed {
  readonly status: number;
  /** Bytes of the whole answer, or -1 while incomplete. */
  readonly length: number;
  readonly close: boolean;
}

/** Parses one answer at the start of `buf`; length -1 when more bytes are needed. */
function parseAnswer(buf: Buffer): Parsed | undefined {
  const headEnd = buf.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const head = buf.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const lower = head.toLowerCase();
  const close = lower.includes('\r\nconnection: close');
  const bodyStart = headEnd + 4;
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) {
    return { status, length: bodyStart, close };
  }
  const cl = /\r\ncontent-length:\s*(\d+)/.exec(lower);
  if (cl) {
    const length = bodyStart + Number(cl[1]);
    return { status, length: buf.length >= length ? length : -1, close };
  }
  if (lower.includes('\r\ntransfer-encoding: chunked')) {
    const end = buf.indexOf(CHUNKED_END, bodyStart);
    return { status, length: end < 0 ? -1 : end + CHUNKED_END.length, close };
  }
  // No framing: the body runs until the server closes; treated as the end of this connection.
  return { status, length: buf.length, close: true };
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { port, requests, concurrency } = options;
  const warmupMs = options.warmupMs ?? 0;
  const durationMs = options.durationMs ?? Number.POSITIVE_INFINITY;
  const total = options.totalRequests ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(durationMs) && !Number.isFinite(total)) {
    throw new Error('runLoad needs totalRequests or durationMs');
  }

  let latencies = new Float64Array(Number.isFinite(total) ? total : 65_536);
  let completed = 0;
  let errors = 0;
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  let measuring = warmupMs === 0;
  let windowStart = measuring ? started : 0;
  let finished = false;

  return new Promise((resolve) => {
    const sockets = new Set<net.Socket>();
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      const elapsedMs = performance.now() - windowStart;
      resolve({
        completed,
        elapsedMs,
        requestsPerSecond: (completed / elapsedMs) * 1000,
        latenciesMs: latencies.subarray(0, completed),
        statuses,
        errors,
      });
    };
    const timer = setInterval(() => {
      const now = performance.now();
      if (!measuring && now - started >= warmupMs) {
        measuring = true;
        windowStart = now;
      }
      if (measuring && now - windowStart >= durationMs) finish();
    }, 5);

    const record = (status: number, latency: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!measuring) return;
      if (completed === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[completed++] = latency;
      if (completed >= total) {
        finish();
      }
    };

    const openConnection = () => {
      if (finished) return;
      const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
      sockets.add(socket);
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      const send = () => {
        if (finished) return;
        sentAt = performance.now();
        socket.write(requests[next++ % requests.length]!);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        const answer = parseAnswer(pending);
        if (!answer || answer.length < 0) return;
        const latency = performance.now() - sentAt;
        pending = pending.subarray(answer.length);
        record(answer.status, latency);
        if (answer.close) socket.destroy();
        else send();
      });
      socket.on('error', () => {
        errors += 1;
        // A server that is gone would otherwise be retried until the deadline.
        if (errors > MAX_ERRORS) {
          finish();
        }
      });
      socket.on('close', () => {
        sockets.delete(socket);
        // A connection the server closed is replaced, so that concurrency stays fixed.
        if (!finished) setTimeout(openConnection, errors > 0 ? 5 : 0);
      });
    };
    for (let i = 0; i < concurrency; i++) openConnection();
  });
}
