import { EventEmitter } from 'node:events';
import { consumeMessages, type MessageSource, type PulledMessage } from '../../../cli/pull/consume-messages';

class FakeSubscription extends EventEmitter implements MessageSource {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
    this.emit('close');
  }
}

interface FakeMessage extends PulledMessage {
  readonly verdict: Promise<'ack' | 'nack'>;
}

function message(attributes: Record<string, string>, data = ''): FakeMessage {
  let settle!: (v: 'ack' | 'nack') => void;
  const verdict = new Promise<'ack' | 'nack'>((resolve) => {
    settle = resolve;
  });
  return {
    id: `m-${attributes['ce-id'] ?? 'x'}`,
    data: Buffer.from(data),
    attributes,
    ack: () => settle('ack'),
    nack: () => settle('nack'),
    verdict,
  };
}

const event = (id: string, extra: Record<string, string> = {}) => ({
  'ce-specversion': '1.0',
  'ce-id': id,
  'ce-source': '/devices/7f3c',
  'ce-type': 'DEVICE_FIRST_SEEN',
  'content-type': 'application/json',
  ...extra,
});

function setup(deliver: (e: Record<string, unknown>) => Promise<boolean>, filters = [] as never[]) {
  const source = new FakeSubscription();
  const warnings: string[] = [];
  const consumer = consumeMessages(source, { filters, deliver, warn: (line) => warnings.push(line) });
  return { source, consumer, warnings };
}

test('hands a matching event to deliver as the structured-mode JSON with data decoded, and acks it once taken', async () => {
  const delivered: Array<Record<string, unknown>> = [];
  const { source, consumer } = setup(async (e) => {
    delivered.push(e);
    return true;
  });
  const m = message(event('1'), '{"deviceUuid":"7f3c"}');
  source.emit('message', m);
  expect(await m.verdict).toBe('ack');
  expect(delivered).toEqual([
    {
      specversion: '1.0',
      id: '1',
      source: '/devices/7f3c',
      type: 'DEVICE_FIRST_SEEN',
      datacontenttype: 'application/json',
      data: { deviceUuid: '7f3c' },
    },
  ]);
  expect(consumer.counts).toEqual({ delivered: 1, failed: 0, filteredOut: 0, invalid: 0 });
});

test('nacks an event that deliver refuses or throws on, so that it comes again', async () => {
  const { source, consumer, warnings } = setup(async (e) => {
    if (e.id === 'boom') throw new Error('disk full');
    return false;
  });
  const refused = message(event('no'));
  const thrown = message(event('boom'));
  source.emit('message', refused);
  source.emit('message', thrown);
  expect([await refused.verdict, await thrown.verdict]).toEqual(['nack', 'nack']);
  expect(consumer.counts.failed).toBe(2);
  expect(warnings).toEqual(['event boom: disk full']);
});

test("acks an event that does not match the queue's filters without delivering it", async () => {
  const deliver = jest.fn(async () => true);
  const { source, consumer } = setup(deliver, [{ prefix: { subject: 'devices/' } }] as never[]);
  const m = message(event('1', { 'ce-subject': 'sites/1' }));
  source.emit('message', m);
  expect(await m.verdict).toBe('ack');
  expect(deliver).not.toHaveBeenCalled();
  expect(consumer.counts.filteredOut).toBe(1);
});

test('nacks a message that is not a valid CloudEvent, for the dead-letter policy to take, and says so', async () => {
  const deliver = jest.fn(async () => true);
  const { source, consumer, warnings } = setup(deliver);
  const m = message({ 'ce-id': '1', 'ce-source': '/x', 'ce-type': 'T', 'ce-specversion': '0.3' });
  source.emit('message', m);
  expect(await m.verdict).toBe('nack');
  expect(deliver).not.toHaveBeenCalled();
  expect(consumer.counts.invalid).toBe(1);
  expect(warnings[0]).toMatch(/^message m-1 is not a valid CloudEvent/);
});

test('stop lets in-flight events finish and nacks what arrives meanwhile', async () => {
  let finish!: () => void;
  const { source, consumer } = setup(
    () =>
      new Promise<boolean>((resolve) => {
        finish = () => resolve(true);
      }),
  );
  const inFlight = message(event('1'));
  source.emit('message', inFlight);
  await new Promise((resolve) => setImmediate(resolve));
  const stopped = consumer.stop();
  const late = message(event('2'));
  source.emit('message', late);
  expect(await late.verdict).toBe('nack');
  let done = false;
  void consumer.done.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect(done).toBe(false);
  finish();
  await stopped;
  await consumer.done;
  expect(await inFlight.verdict).toBe('ack');
  expect(source.closed).toBe(true);
});

test('ends with an error when the subscription closes by itself, naming the last error', async () => {
  const { source, consumer, warnings } = setup(async () => true);
  source.emit('error', new Error('5 NOT_FOUND: Subscription does not exist'));
  source.emit('close');
  await expect(consumer.done).rejects.toThrow(
    'the subscription stopped: 5 NOT_FOUND: Subscription does not exist',
  );
  expect(warnings).toEqual(['5 NOT_FOUND: Subscription does not exist']);
});

test('acks without delivering an event redriven for another queue, and delivers one redriven for its own', async () => {
  const delivered: string[] = [];
  const source = new FakeSubscription();
  const consumer = consumeMessages(source, {
    filters: [],
    queue: 'orders',
    deliver: async (e) => {
      delivered.push(String(e.id));
      return true;
    },
    warn: () => {},
  });
  const foreign = message(event('a', { 'eventq-redrive-for': 'billing' }), '{}');
  const own = message(event('b', { 'eventq-redrive-for': 'orders' }), '{}');
  source.emit('message', foreign);
  source.emit('message', own);
  expect(await foreign.verdict).toBe('ack');
  expect(await own.verdict).toBe('ack');
  expect(delivered).toEqual(['b']);
  expect(consumer.counts).toMatchObject({ delivered: 1, filteredOut: 1 });
});
