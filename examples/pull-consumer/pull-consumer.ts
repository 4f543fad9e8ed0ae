// A pull-queue consumer that needs nothing from eventq but the credentials
// document that `eventq queues mk-pull` wrote: @google-cloud/pubsub only.
//
//   npx tsc -p examples/pull-consumer && node dist/examples/pull-consumer/pull-consumer.js orders.json
//
// Prints each event as one JSON line (the CloudEvent, data decoded) and acks it.
import { readFileSync } from 'node:fs';
import { type Message, PubSub } from '@google-cloud/pubsub';

interface Credentials {
  projectId: string;
  subscription: string;
  filters: Filter[];
  emulatorHost?: string;
}

type Filter =
  | { exact: Record<string, string> }
  | { prefix: Record<string, string> }
  | { suffix: Record<string, string> }
  | { all: Filter[] }
  | { any: Filter[] }
  | { not: Filter };

// The queue's filters (CloudEvents Subscriptions API). Production Pub/Sub applies
// what it can of them; the emulator applies none, so check them here as well.
function matches(event: Record<string, unknown>, filter: Filter): boolean {
  const each = (m: Record<string, string>, test: (actual: string, expected: string) => boolean) =>
    Object.entries(m).every(([name, expected]) => {
      const actual = event[name];
      return actual !== undefined && typeof actual !== 'object' && test(String(actual), expected);
    });
  if ('exact' in filter) return each(filter.exact, (a, e) => a === e);
  if ('prefix' in filter) return each(filter.prefix, (a, e) => a.startsWith(e));
  if ('suffix' in filter) return each(filter.suffix, (a, e) => a.endsWith(e));
  if ('all' in filter) return filter.all.every((f) => matches(event, f));
  if ('any' in filter) return filter.any.some((f) => matches(event, f));
  return !matches(event, filter.not);
}

// The CloudEvents Pub/Sub binding: structured mode carries the JSON event as the
// data; binary mode carries attributes as ce-* and the data as the message data.
function toCloudEvent(message: Message): Record<string, unknown> {
  const contentType = message.attributes['content-type'];
  if (contentType?.startsWith('application/cloudevents+json'))
    return JSON.parse(message.data.toString('utf8'));
  const event: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message.attributes)) {
    if (key.startsWith('ce-')) event[key.slice(3)] = value;
  }
  if (contentType) event.datacontenttype = contentType;
  if (message.data.length > 0) {
    const json = /[/+]json(;|$)/.test(String(event.datacontenttype ?? 'application/json'));
    event.data = json ? JSON.parse(message.data.toString('utf8')) : message.data.toString('base64');
  }
  return event;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node pull-consumer.js <creds-file>');
  process.exit(2);
}
const credentials = JSON.parse(readFileSync(file, 'utf8')) as Credentials;
// Locally the document names the emulator; the client switches to it by itself.
if (credentials.emulatorHost) process.env.PUBSUB_EMULATOR_HOST = credentials.emulatorHost;

const subscription = new PubSub({ projectId: credentials.projectId }).subscription(credentials.subscription, {
  flowControl: { maxMessages: 10, allowExcessMessages: false },
});
subscription.on('message', (message: Message) => {
  let event: Record<string, unknown>;
  try {
    event = toCloudEvent(message);
  } catch {
    message.nack(); // not an event: after the last attempt Pub/Sub dead-letters it
    return;
  }
  if (credentials.filters.every((f) => matches(event, f))) process.stdout.write(`${JSON.stringify(event)}\n`);
  message.ack();
});
subscription.on('error', (error) => console.error(error.message));
process.once('SIGINT', () => {
  void subscription.close().then(() => process.exit(0));
});
