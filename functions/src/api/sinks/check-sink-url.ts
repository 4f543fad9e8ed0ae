// Registration-time checks on a sink URL: https unless the operator allowlists
// the host, no credentials in it, and every address the name resolves to must
// be allowed (delivery checks again on the address actually connected to).
// Names are resolved as delivery resolves them (createSinkHostResolver: no
// thread pool, a deadline). A refusal names what the tenant typed, never what
// a name resolves to: which addresses a host has is eventq's business.
import { isIP } from 'node:net';
import {
  createSinkHostResolver,
  type ResolvedAddress,
  type SinkHostResolver,
} from '../../delivery/resolve-sink-host';
import type { SinkAddressPolicy } from '../../delivery/sink-address-policy';
import { EventqError, SinkRefusedError } from '../../errors';

/** A registration waits for DNS at most this long (the caller is waiting). */
export const REGISTRATION_DNS_TIMEOUT_MS = 5_000;

let sharedResolver: SinkHostResolver | undefined;
/** Made on first use: the api's cold start does not pay for a resolver it may not need. */
function defaultResolver(): SinkHostResolver {
  sharedResolver ??= createSinkHostResolver({ timeoutMs: REGISTRATION_DNS_TIMEOUT_MS });
  return sharedResolver;
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}

function resolveAll(resolve: SinkHostResolver, host: string): Promise<readonly ResolvedAddress[]> {
  return new Promise((done, fail) =>
    resolve(host, (error, addresses) => (error ? fail(error) : done(addresses))),
  );
}

export async function checkSinkUrl(
  raw: string,
  policy: SinkAddressPolicy,
  resolve: SinkHostResolver = defaultResolver(),
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SinkRefusedError(`sink: "${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SinkRefusedError(`sink: scheme ${url.protocol} is not allowed; use https`);
  }
  if (url.username || url.password)
    throw new SinkRefusedError('sink: credentials in the URL are not allowed');
  if (url.hash) throw new SinkRefusedError('sink: a fragment is not allowed');

  const host = bareHost(url.hostname);
  const hostAllowlisted = policy.hostAllowed(host) || policy.isAllowlisted(host);
  if (url.protocol === 'http:' && !hostAllowlisted) {
    throw new SinkRefusedError(`sink: plain http is allowed only for allowlisted hosts; use https`);
  }
  if (policy.hostAllowed(host)) return url;

  if (isIP(host)) {
    // An address the tenant typed may be named, and why it is refused.
    const refusal = policy.refusal(host);
    if (refusal) throw new SinkRefusedError(`sink: ${host} is refused: ${refusal}`);
    return url;
  }
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await resolveAll(resolve, host);
  } catch (error) {
    throw new SinkRefusedError(
      error instanceof EventqError ? `sink: ${error.detail}` : `sink: the host ${host} does not resolve`,
    );
  }
  if (addresses.some((a) => policy.refusal(a.address))) {
    throw new SinkRefusedError(`sink: the host ${host} resolves to an address eventq does not deliver to`);
  }
  return url;
}
