// Many pushes in flight per queue, as Pub/Sub push has: a sink that takes 2 s
// per request receives 20 events published at once within 12 s (one push at a
// time, as the emulator's own push loop did, would take 40 s).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPushQueue, publishEvents } from '../support/queue-events';
import { closePubsub } from '../support/stack';

const EVENTS = 20;
const SINK_MS = 2_000;
const BOUND_MS = 12_000;

let sink: http.Server;
const arrived = new Map<string, number>();
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  sink = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { 'webhook-allowed-origin': '*' }).end();
      return;
    }
    req.resume();
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      arrived.set(decodeURIComponent(String(req.headers['ce-id'])), Date.now());
      res.writeHead(200).end();
    }, SINK_MS);
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  sink.closeAllConnections();
  await new Promise((r) => sink.close(r));
  await closePubsub();
});

test(`a sink taking 2 s per request receives ${EVENTS} events published at once within 12 s`, async () => {
  const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`;
  const queue = await createPushQueue(url, {}, { prefix: 'concurrent' });
  const published = Date.now();
  const ids = await publishEvents(queue, EVENTS);
  const deadline = published + BOUND_MS + 5_000;
  while (!ids.every((id) => arrived.has(id)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const last = Math.max(...ids.map((id) => arrived.get(id) ?? Number.POSITIVE_INFINITY));
  process.stderr.write(
    `[concurrency] ${EVENTS} events in ${last - published} ms, at most ${mostInFlight} at once\n`,
  );
  expect(last - published).toBeLessThan(BOUND_MS);
});
