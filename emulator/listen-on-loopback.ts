// Preloaded (node --require) into the functions the local stack serves: the
// Functions Framework has no host option and listens on every interface, so a
// laptop on a café network would offer its api and dispatch to anyone there.
// This makes a server that is given only a port listen on 127.0.0.1, like the
// emulators. Cloud Functions itself is unaffected: it never loads this file.
import net from 'node:net';

const listen = net.Server.prototype.listen;

function isPort(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]) {
  if (isPort(args[0]) && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  return (listen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof listen;
