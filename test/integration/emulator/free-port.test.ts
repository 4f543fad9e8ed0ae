import { createServer } from 'node:net';
import { assertPortFree, freePort } from '../../../emulator/free-port';
import { StackStartError } from '../../../emulator/process-group';

test('freePort hands out a port that can then be bound on 127.0.0.1', async () => {
  const port = await freePort();
  expect(port).toBeGreaterThan(0);
  await expect(assertPortFree(port)).resolves.toBeUndefined();
});

test('assertPortFree names the port that is already in use', async () => {
  const server = createServer();
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  try {
    const check = assertPortFree(port);
    await expect(check).rejects.toThrow(StackStartError);
    await expect(check).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test.each([0, -1, 65_536, 80.5])('assertPortFree refuses %p, which is not a port number', async (port) => {
  await expect(assertPortFree(port)).rejects.toThrow(`port ${port} is not a TCP port number (1-65535)`);
});
