import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../../emulator/free-port';
import { StackStartError } from '../../../emulator/process-group';
import { waitForHttp } from '../../../emulator/wait-for-http';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

function serve(status: number, afterMs = 0): Promise<number> {
  return new Promise((resolve) => {
    const ready = Date.now() + afterMs;
    server = createServer((_request, response) => {
      response.writeHead(Date.now() >= ready ? status : 503).end();
    });
    server.listen(0, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
  });
}

test('resolves once the server answers 200, polling through earlier failures', async () => {
  const port = await serve(200, 300);
  await expect(waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 5_000 })).resolves.toBeUndefined();
});

test('accepts the statuses that expectStatus accepts', async () => {
  const port = await serve(404);
  const url = `http://127.0.0.1:${port}/`;
  await expect(waitForHttp(url, { timeoutMs: 2_000, expectStatus: (s) => s < 500 })).resolves.toBeUndefined();
});

test('times out with the URL and the last failure when nothing listens', async () => {
  const url = `http://127.0.0.1:${await freePort()}/`;
  const attempt = waitForHttp(url, { timeoutMs: 300 });
  await expect(attempt).rejects.toThrow(StackStartError);
  await expect(attempt).rejects.toThrow(`no answer at ${url} within 300 ms (last attempt: ECONNREFUSED)`);
});

test('times out with the last status when the server never becomes ready', async () => {
  const port = await serve(200, 60_000);
  const attempt = waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 300 });
  await expect(attempt).rejects.toThrow('(last attempt: status 503)');
});
