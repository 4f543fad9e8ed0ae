// Ports on 127.0.0.1 for the local stack: a free one to hand out, and a check
// that a chosen one is free before a process that would fail obscurely on it
// (the emulators log a Java stack trace and exit) is started.

import { createServer } from 'node:net';
import { StackStartError } from './process-group';

const HOST = '127.0.0.1';

/** A port that was free on 127.0.0.1 a moment ago (the kernel picks it). */
export function freePort(): Promise<number> {
  return listenAndClose(0);
}

/** Throws StackStartError when `port` cannot be bound on 127.0.0.1. */
export async function assertPortFree(port: number): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new StackStartError(`port ${port} is not a TCP port number (1-65535)`);
  }
  try {
    await listenAndClose(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? 'is already in use' : `cannot be bound (${code ?? String(error)})`;
    throw new StackStartError(`port ${port} on ${HOST} ${reason}`, { cause: error });
  }
}

function listenAndClose(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    // exclusive: a cluster primary must not share the handle and hide a conflict.
    server.listen({ host: HOST, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}
