// Resolves a sink's host name without occupying libuv's thread pool. dns.lookup
// (getaddrinfo) runs on that pool's 4 threads with no timeout, so a tenant
// whose sink's DNS never answers would hold every thread and stall every other
// tenant's new connections on the instance, and the api's file and crypto work
// with them. This asks the DNS servers directly (c-ares, asynchronous), A and
// AAAA at once, with one deadline for both. Names under `localhost` are
// loopback by definition (RFC 6761 §6.3) and never sent to DNS.
import { Resolver } from 'node:dns';
import { SinkRefusedError } from '../errors';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export type SinkHostResolver = (
  hostname: string,
  done: (error: Error | undefined, addresses: readonly ResolvedAddress[]) => void,
) => void;

const LOOPBACK: readonly ResolvedAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

/** Answers that mean "no such address of this family", not a failure of DNS. */
const NO_ADDRESS = new Set(['ENODATA', 'ENOTFOUND', 'ENONAME']);

export function createSinkHostResolver(options: {
  readonly timeoutMs: number;
  /** DNS servers (tests); the system's by default. */
  readonly servers?: readonly string[];
}): SinkHostResolver {
  return (hostname, done) => {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    if (name === 'localhost' || name.endsWith('.localhost')) {
      done(undefined, LOOPBACK);
      return;
    }
    // One resolver per lookup, so that cancelling on the deadline cancels this lookup only.
    const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
    if (options.servers) resolver.setServers([...options.servers]);
    const found: ResolvedAddress[] = [];
    const failures: NodeJS.ErrnoException[] = [];
    let pending = 2;
    let finished = false;
    const finish = (error: Error | undefined) => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      done(error, error ? [] : found);
    };
    const tooSlow = () =>
      new SinkRefusedError(`the name ${hostname} did not resolve within ${options.timeoutMs} ms`);
    // c-ares times each query out itself; this bounds the pair of them whatever it does.
    const deadline = setTimeout(() => {
      resolver.cancel();
      finish(tooSlow());
    }, options.timeoutMs + 50);
    const settle = (family: 4 | 6) => (error: NodeJS.ErrnoException | null, addresses: string[]) => {
      if (error) failures.push(error);
      else for (const address of addresses) found.push({ address, family });
      if (--pending > 0) return;
      if (found.length > 0) finish(undefined);
      else if (failures.some((f) => f.code === 'ETIMEOUT' || f.code === 'ECANCELLED')) finish(tooSlow());
      else if (failures.every((f) => NO_ADDRESS.has(f.code ?? ''))) {
        finish(new SinkRefusedError(`the name ${hostname} does not resolve`));
      } else {
        finish(new SinkRefusedError(`the name ${hostname} could not be resolved (${failures[0]!.code})`));
      }
    };
    resolver.resolve4(name, settle(4));
    resolver.resolve6(name, settle(6));
  };
}
