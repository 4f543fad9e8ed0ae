// One queue's sink sleeping past the delivery timeout does not delay another
// queue's deliveries beyond a small bound. Measured and printed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { publishRaw } from '../support/publish-raw';
import { createPushQueue, publishEvents } from '../support/queue-events';
import { closePubsub } from '../support/stack';
import { sleep, WebhookReceiver } from '../support/webhook-receiver';

const SLOW_EVENTS = 30;
const FAST_EVENTS = 20;
/** How much the slow queue may add to the fast queue's p95 publish-to-sink latency. */
const BOUND_MS = 1_000;

let slow: http.Server;
let fast: WebhookReceiver;
const arrivals = new Map<string, number>();

beforeAll(async () => {
  slow = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { 'webhook-allowed-origin': '*' }).end();
      return;
    }
    req.resume();
    // Past the 10 s delivery timeout: dispatch gives up on it first.
    setTimeout(() => res.writeHead(200).end(), 12_000).unref();
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  fast = await WebhookReceiver.start({
    responder: (d) => {
      arrivals.set(decodeURIComponent(String(d.headers['ce-id'])), Date.now());
      return 200;
    },
  });
});

afterAll(async () => {
  slow.closeAllConnections();
  await new Promise((r) => slow.close(r));
  await Promise.all([fast.close(), closePubsub()]);
});

async function fastLatencies(prefix: string): Promise<number[]> {
  const queue = await createPushQueue(fast.url, {}, { prefix });
  const sent = new Map<string, number>();
  const ids = await publishEvents(queue, FAST_EVENTS, {
    publish: async (tenant, message) => {
      sent.set(message.attributes['ce-id']!, Date.now());
      return publishRaw(tenant, message);
    },
  });
  await fast.waitUntil(() => ids.every((id) => arrivals.has(id)), 30_000);
  return ids.map((id) => arrivals.get(id)! - sent.get(id)!).sort((a, b) => a - b);
}

const p = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

test("a sink sleeping past the timeout does not delay another queue's deliveries", async () => {
  const baseline = await fastLatencies('iso-base');
  const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`;
  const slowQueue = await createPushQueue(slowUrl, {}, { prefix: 'iso-slow' });
  await publishEvents(slowQueue, SLOW_EVENTS);
  await sleep(1_000); // the slow sink now holds its deliveries open
  const loaded = await fastLatencies('iso-loaded');
  const line =
    `[isolation] fast queue publish→sink latency, ms: alone p50 ${p(baseline, 0.5)} p95 ${p(baseline, 0.95)} max ${baseline.at(-1)}; ` +
    `beside ${SLOW_EVENTS} deliveries sleeping past the timeout p50 ${p(loaded, 0.5)} p95 ${p(loaded, 0.95)} max ${loaded.at(-1)}\n`;
  process.stderr.write(line);
  expect(p(loaded, 0.95)).toBeLessThan(p(baseline, 0.95) + BOUND_MS);
});
