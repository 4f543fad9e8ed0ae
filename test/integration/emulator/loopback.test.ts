// The local stack's functions listen on 127.0.0.1 only, like its emulators:
// nobody else on the developer's network can reach the api or dispatch.
import net from 'node:net';
import os from 'node:os';
import { stack } from '../support/stack';

/** 'connected' or the error code of a TCP connection to host:port. */
function connect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/** Every address of this machine but 127.0.0.1: the other interfaces, and IPv6 loopback. */
const otherAddresses = Object.values(os.networkInterfaces())
  .flat()
  .filter((a) => a !== undefined && a.address !== '127.0.0.1' && !a.address.startsWith('fe80:'))
  .map((a) => a!.address);

test.each([
  ['api', () => stack().apiUrl],
  ['dispatch', () => stack().dispatchUrl],
])('%s answers on 127.0.0.1 and on no other address of the machine', async (_name, url) => {
  const port = Number(new URL(url()).port);
  expect(await connect('127.0.0.1', port)).toBe('connected');
  expect(otherAddresses.length).toBeGreaterThan(0);
  for (const address of otherAddresses) {
    expect([address, await connect(address, port)]).toEqual([
      address,
      expect.not.stringMatching(/^connected$/),
    ]);
  }
});
