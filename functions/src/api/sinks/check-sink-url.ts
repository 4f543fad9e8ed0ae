// Registration-time checks on a sink URL: https unless the operator allowlists
// the host, no credentials in it, and every address the name resolves to must
// be allowed (delivery checks again on the address actually connected to).
import { lookup } from 'node:dns/promises';
import type { SinkAddressPolicy } from '../../delivery/sink-address-policy';
import { SinkRefusedError } from '../../errors';

function bareHost(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}

export async function checkSinkUrl(raw: string, policy: SinkAddressPolicy): Promise<URL> {
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

  let addresses: string[];
  try {
    addresses = (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new SinkRefusedError(`sink: the host ${host} does not resolve`);
  }
  for (const address of addresses) {
    const refusal = policy.refusal(address);
    if (refusal) throw new SinkRefusedError(`sink: ${host} is refused: ${refusal}`);
  }
  return url;
}
