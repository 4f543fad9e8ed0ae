// One HTTP exchange over node:http(s), the whole body read, under a deadline:
// what dispatch needs for Google's push keys, the metadata server's token and
// Firestore's REST API, without loading `fetch` (undici and http2 cost ~15 ms
// of a cold start to load, and ~2.5 MiB of live heap for good).
import http from 'node:http';
import https from 'node:https';
import { EventqError, UnavailableError } from '../errors';

export interface HttpResult {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

export interface HttpRequestOptions {
  readonly method?: string;
  readonly headers?: http.OutgoingHttpHeaders;
  readonly body?: string;
  /** For the whole exchange, not an idle timeout. */
  readonly timeoutMs: number;
  readonly agent?: http.Agent;
  /** Refuses answers larger than this many bytes. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 1 << 20;

export function httpRequest(url: string | URL, options: HttpRequestOptions): Promise<HttpResult> {
  const target = typeof url === 'string' ? new URL(url) : url;
  const transport = target.protocol === 'https:' ? https : http;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const headers =
    options.body === undefined
      ? options.headers
      : { ...options.headers, 'content-length': Buffer.byteLength(options.body) };
  return new Promise((resolve, fail) => {
    // Whatever went wrong on the way (socket, size, deadline), the caller sees one retryable error.
    const reject = (error: Error) =>
      fail(error instanceof EventqError ? error : new UnavailableError(error.message, { cause: error }));
    const req = transport.request(
      target,
      { method: options.method ?? 'GET', headers, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) req.destroy(new Error(`${target.origin} sent more than ${maxBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    const deadline = setTimeout(
      () => req.destroy(new Error(`${target.origin} did not answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    req.on('close', () => clearTimeout(deadline));
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface JsonResult {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The parsed body; undefined when it was not JSON. */
  readonly body: unknown;
}

export async function getJson(
  url: string | URL,
  options: Omit<HttpRequestOptions, 'method' | 'body'>,
): Promise<JsonResult> {
  const { status, headers, text } = await httpRequest(url, {
    ...options,
    headers: { accept: 'application/json', ...options.headers },
  });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status, headers, body };
}
