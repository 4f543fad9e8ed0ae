// The Pub/Sub client, created on first use: importing it costs ~270 ms, which
// dispatch's happy path never needs. The client switches to the emulator by
// itself when PUBSUB_EMULATOR_HOST is set.
import type { PubSub } from '@google-cloud/pubsub';

const clients = new Map<string, PubSub>();

export function pubsubClient(projectId: string): PubSub {
  let client = clients.get(projectId);
  if (!client) {
    const { PubSub: PubSubClass } = require('@google-cloud/pubsub') as typeof import('@google-cloud/pubsub');
    client = new PubSubClass({ projectId });
    clients.set(projectId, client);
  }
  return client;
}
