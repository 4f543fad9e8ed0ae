// The Pub/Sub emulator's REST surface, for what the benchmarks do around
// eventq: publishing as a producer would, and the baseline push subscription
// that goes straight to the sink.
import type { BenchEvent } from './push-envelopes';

export async function publishEvent(emulatorHost: string, topic: string, event: BenchEvent): Promise<void> {
  const res = await fetch(`http://${emulatorHost}/v1/${topic}:publish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      messages: [{ data: event.data.toString('base64'), attributes: event.attributes }],
    }),
  });
  if (res.status !== 200) throw new Error(`publish to ${topic}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** A push subscription without OIDC token, straight to `pushEndpoint` (the engine's, for the baseline). */
export async function createDirectPushSubscription(
  emulatorHost: string,
  subscription: string,
  topic: string,
  pushEndpoint: string,
): Promise<void> {
  const res = await fetch(`http://${emulatorHost}/v1/${subscription}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ topic, pushConfig: { pushEndpoint }, ackDeadlineSeconds: 60 }),
  });
  if (res.status !== 200) throw new Error(`create ${subscription}: ${res.status} ${await res.text()}`);
}
