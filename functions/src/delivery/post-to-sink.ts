// The outgoing HTTP request of a delivery: keep-alive connections per origin, a
// timeout, no redirects followed, and the sink address policy applied to the
// address actually connected to (a custom DNS lookup), not to the name alone.

import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { BoundedMap } from '../caching/bounded-map';
import { DeliveryFailedError, EventqError, SinkRefusedError } from '../errors';
import { createSinkHostResolver, type SinkHostResolver } from './resolve-sink-host';
import type { SinkAddressPolicy } from './sink-address-policy';

export interface SinkResponse {
  readonly status: number;
  /** The first bytes of the answer, for failure records. */
  readonly bodyExcerpt: string;
  /** The answer's body, up to the request's `keepBody` bytes, when it asked for it (replies). */
  readonly body?: Buffer;
  /** True when the answer was longer than `keepBody` (its `body` is then cut). */
  readonly bodyTruncated?: boolean;
  readonly headers: http.IncomingHttpHeaders;
  readonly latencyMs: number;
}

export type SinkRequest = {
  readonly url: string;
  readonly method?: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  /** Keep up to this many bytes of the answer's body (a queue that takes replies); else only the excerpt. */
  readonly keepBody?: number;
};

export type SinkPoster = (request: SinkRequest) => Promise<SinkResponse>;

/** The same, with a callback: dispatch's hot path, where a promise costs more than it seems. */
export type SinkSender = (
  request: SinkRequest,
  done: (error: Error | undefined, response?: SinkResponse) => void,
) => void;

const EXCERPT_BYTES = 512;

/** Resolves with `resolve` (no thread pool, a deadline), then keeps only the addresses the policy allows. */
function guardedLookup(policy: SinkAddressPolicy, resolve: SinkHostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
      const list: LookupAddress[] = wanted ? addresses.filter((a) => a.family === wanted) : [...addresses];
      const allowed = policy.hostAllowed(hostname) ? list : list.filter((a) => !policy.refusal(a.address));
      if (allowed.length === 0) {
        // Which addresses the name has is the platform's business, not the tenant's: not said.
        return callback(
          new SinkRefusedError(`${hostname} resolves to an address eventq does not deliver to`),
          '',
          0,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return /^[\d.]+$/.test(bare) || bare.includes(':') ? bare : undefined;
}

interface SinkTarget {
  readonly transport: typeof http | typeof https;
  /** The URL as request options, worked out once: Node would convert a URL object on every request. */
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string;
  readonly path: string;
  /** The Host header, as Node would write it: brackets around an IPv6 literal, the port unless it is the default. */
  readonly host: string;
  readonly agent: http.Agent;
}

function sinkTarget(url: URL, transport: typeof http | typeof https, agent: http.Agent): SinkTarget {
  // Like urlToHttpOptions: brackets off an IPv6 literal, path with its query.
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    transport,
    protocol: url.protocol,
    hostname,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    host: url.host,
    agent,
  };
}

/** Sinks whose parsed target is remembered; beyond this the memo starts over. */
const MAX_REMEMBERED_SINKS = 10_000;

/** How long a sink's name may take to resolve, at most. */
const MAX_DNS_TIMEOUT_MS = 5_000;

export function createSinkPoster(options: {
  policy: SinkAddressPolicy;
  timeoutMs: number;
  /** Resolves sink names; by default the system's DNS servers, without the thread pool. */
  resolveHost?: SinkHostResolver;
}): SinkPoster & { readonly send: SinkSender } {
  const resolveHost =
    options.resolveHost ??
    createSinkHostResolver({ timeoutMs: Math.min(options.timeoutMs, MAX_DNS_TIMEOUT_MS) });
  const agentOptions = {
    keepAlive: true,
    maxSockets: 64,
    lookup: guardedLookup(options.policy, resolveHost),
  };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  // A queue delivers to one sink URL many times: parse it and judge an IP
  // literal once, not per delivery. The policy is fixed, so the verdict is too.
  const targets = new BoundedMap<string, SinkTarget | SinkRefusedError>(MAX_REMEMBERED_SINKS);

  const targetOf = (sink: string): SinkTarget | SinkRefusedError => {
    let target = targets.get(sink);
    if (target !== undefined) return target;
    const url = new URL(sink);
    const literal = literalAddress(url.hostname);
    // Node skips the lookup for IP literals, so they are judged here.
    const refusal = literal !== undefined ? options.policy.refusal(literal) : undefined;
    if (refusal) target = new SinkRefusedError(`sink ${url.host} is refused: ${refusal}`);
    // The api refuses them at registration; a definition written by other means is refused here too.
    else if (url.username || url.password)
      target = new SinkRefusedError('sink: credentials in the URL are not allowed');
    else if (url.protocol === 'https:') target = sinkTarget(url, https, agents['https:']);
    else if (url.protocol === 'http:') target = sinkTarget(url, http, agents['http:']);
    else target = new SinkRefusedError(`sink scheme ${url.protocol} is not http(s)`);
    targets.set(sink, target);
    return target;
  };

  const send: SinkSender = (request, done) => {
    const target = targetOf(request.url);
    if (target instanceof SinkRefusedError) {
      done(target);
      return;
    }
    const started = performance.now();
    let deadline: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (error: Error | undefined, response?: SinkResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      // Node's own socket errors become eventq's; a refusal (SinkRefusedError) already is one.
      done(
        error === undefined || error instanceof EventqError
          ? error
          : new DeliveryFailedError(error.message, { cause: error }),
        response,
      );
    };
    // Headers as a flat array: Node then validates and writes each one once, where an
    // object costs a setHeader per header (a lower-cased copy of the name and a pair
    // stored for each) before the same writing. An array gets no Host from Node: it is added here.
    const given = request.headers;
    const headers: string[] = given.host === undefined ? ['host', target.host] : [];
    for (const name in given) headers.push(name, given[name]!);
    if (request.body && given['content-length'] === undefined) {
      headers.push('content-length', String(request.body.length));
    }
    const req = target.transport.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: request.method ?? 'POST',
        headers,
        agent: target.agent,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const keep = Math.max(EXCERPT_BYTES, request.keepBody ?? 0);
        const answered = (body: Buffer | undefined, seen: number) =>
          finish(undefined, {
            status,
            // Node builds the headers object on first use; a delivery that succeeds never needs it.
            get headers() {
              return res.headers;
            },
            bodyExcerpt: body === undefined ? '' : body.subarray(0, EXCERPT_BYTES).toString('utf8'),
            ...(request.keepBody === undefined
              ? {}
              : { body: (body ?? Buffer.alloc(0)).subarray(0, keep), bodyTruncated: seen > keep }),
            latencyMs: performance.now() - started,
          });
        res.on('error', finish);
        const chunks: Buffer[] = [];
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          if (seen < keep) chunks.push(chunk);
          seen += chunk.length;
        });
        res.on('end', () => answered(chunks.length === 0 ? undefined : Buffer.concat(chunks), seen));
      },
    );
    // A deadline for the whole exchange, not an idle timeout (req.setTimeout), which a sink
    // that trickles its answer a byte at a time would never trip.
    deadline = setTimeout(() => {
      finish(new Error(`no answer within ${options.timeoutMs} ms`));
      req.destroy();
    }, options.timeoutMs);
    req.on('error', finish);
    req.end(request.body);
  };
  const post: SinkPoster = (request) =>
    new Promise((resolve, reject) =>
      send(request, (error, response) => (error ? reject(error) : resolve(response!))),
    );
  return Object.assign(post, { send });
}
