// The producer side of the soak: the device stream at a steady rate across
// the tenants, and the ordered stream, one publish at a time per key so that
// publish order is the order the ordered queue must keep. Only an event whose
// publish succeeded counts as published.
import type { PubSub } from '@google-cloud/pubsub';
import { publishCloudEvent } from '../../functions/src/publish/publish-cloudevent';
import type { PublishedEvent } from './expectation';
import { deviceEvent, eventData, orderedEvent, type SoakEvent } from './soak-plan';

const TICK_MS = 100;
const PUBLISH_TRIES = 3;

export interface SoakPublisher {
  readonly published: PublishedEvent[];
  readonly failures: string[];
  /** Stops publishing and waits for the publishes in progress. */
  stop(): Promise<void>;
}

async function publishOne(pubsub: PubSub, event: SoakEvent, sink: SoakPublisher): Promise<void> {
  const publishedAt = Date.now();
  let lastError: unknown;
  for (let attempt = 1; attempt <= PUBLISH_TRIES; attempt++) {
    try {
      await publishCloudEvent(pubsub, event.tenant, {
        id: event.id,
        type: event.type,
        source: event.source,
        subject: event.subject,
        data: eventData(event),
      });
      sink.published.push({ ...event, publishedAt });
      return;
    } catch (error) {
      lastError = error;
    }
  }
  sink.failures.push(`${event.id}: ${String(lastError)}`);
}

export function startPublisher(
  pubsub: PubSub,
  ratePerSecond: number,
  orderedRatePerSecond: number,
): SoakPublisher {
  const publisher: SoakPublisher = { published: [], failures: [], stop: async () => {} };
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  let sent = 0;
  let stopped = false;
  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  // The device stream: as many as the rate asks by now, launched together each tick.
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * ratePerSecond);
    for (; sent < due; sent++) track(publishOne(pubsub, deviceEvent(sent), publisher));
  }, TICK_MS);

  // The ordered stream: one loop, each publish awaited before the next.
  const orderedLoop = (async () => {
    const interval = 1000 / orderedRatePerSecond;
    for (let n = 0; !stopped; n++) {
      const next = started + n * interval;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (stopped) break;
      await publishOne(pubsub, orderedEvent(n), publisher);
    }
  })();

  publisher.stop = async () => {
    stopped = true;
    clearInterval(timer);
    await orderedLoop;
    await Promise.all(inFlight);
  };
  return publisher;
}
