// Ports on 127.0.0.1 for the local stack: a free one to hand out, and a check
// that a chosen one is free before a process that would fail obscurely on it
// (the emulators log a Java stack trace and exit) is started.

import { createServer } from 'node:net';
import { StackStartError } from './process-group';

const HOST = '127.0.0.1';

// Ports are picked below the kernel's ephemeral range (32768-60999 on Linux),
// not by asking the kernel for port 0: the kernel hands out the local ports of
// outgoing connections from that same range, so a port it gave us free a
// moment ago can be taken by some client's socket before the process we start
// binds it (seen as EADDRINUSE under load, with benchmarks and two test
// workers running). Below the range only listeners compete, and they pick at
// random among 12,000 ports; one process never hands out the same port twice.
const PICK_FROM = 20_000;
const PICK_TO = 32_000;
const PICK_ATTEMPTS = 50;
const handedOut = new Set<number>();

/** A port on 127.0.0.1 that was free a moment ago and that this process has not handed out before. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
    const port = PICK_FROM + Math.floor(Math.random() * (PICK_TO - PICK_FROM));
    if (handedOut.has(port)) continue;
    try {
      await listenAndClose(port);
    } catch {
      continue;
    }
    handedOut.add(port);
    return port;
  }
  // Every pick was taken: fall back to the kernel's choice.
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
