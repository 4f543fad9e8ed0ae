// One GET of a JSON document over node:http(s): what dispatch needs to fetch
// Google's push keys and the metadata server's access token, without loading
// `fetch` (undici and http2 cost ~15 ms of a cold start to load).
import http from 'node:http';
import https from 'node:https';

export interface JsonResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The parsed body; undefined when it was not JSON. */
  readonly body: unknown;
}

export interface GetJsonOptions {
  readonly headers?: http.OutgoingHttpHeaders;
  readonly timeoutMs: number;
  readonly agent?: http.Agent;
  /** Refuses bodies larger than this many bytes. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 1 << 20;

export function getJson(url: string | URL, options: GetJsonOptions): Promise<JsonResponse> {
  const target = typeof url === 'string' ? new URL(url) : url;
  const transport = target.protocol === 'https:' ? https : http;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve, reject) => {
    const req = transport.get(
      target,
      {
        headers: { accept: 'application/json', ...options.headers },
        agent: options.agent,
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) req.destroy(new Error(`${target.origin} sent more than ${maxBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${target.origin} did not answer within ${options.timeoutMs} ms`)),
    );
    req.on('error', reject);
  });
}
