// Measurement 6: decoding and validating CloudEvents, eventq against the
// cloudevents SDK (HTTP.toEvent, then validate()) on the same events. Each
// event of the corpus is given to each implementation in its own binding:
// Pub/Sub attributes and base64 data to eventq (as a push carries them), the
// same names as HTTP headers and the data as the body to the SDK. Correctness
// is checked first, on valid and invalid events labelled by the CloudEvents
// 1.0 rules; speed is measured on the valid ones, the hot path.
import { type CloudEvent, HTTP } from 'cloudevents';
import type { PubsubMessageLike } from '../../../functions/src/cloudevents/cloudevent';
import { decodePubsubMessage } from '../../../functions/src/cloudevents/decode-pubsub-message';
import { validateCloudEvent } from '../../../functions/src/cloudevents/validate-cloudevent';
import type { BenchOptions } from '../bench-options';

interface Case {
  readonly name: string;
  readonly valid: boolean;
  readonly attributes: Record<string, string>;
  readonly data: string;
}

const STRUCTURED = 'application/cloudevents+json';
const base = {
  'ce-specversion': '1.0',
  'ce-id': 'evt-1',
  'ce-source': '/devices/7f3c',
  'ce-type': 'DEVICE_FIRST_SEEN',
};

function binary(
  name: string,
  valid: boolean,
  overrides: Record<string, string | undefined>,
  data = '{"a":1}',
): Case {
  const attributes: Record<string, string> = { 'content-type': 'application/json' };
  for (const [k, v] of Object.entries({ ...base, ...overrides })) if (v !== undefined) attributes[k] = v;
  return { name, valid, attributes, data };
}

function structured(name: string, valid: boolean, event: Record<string, unknown>): Case {
  const full = {
    specversion: '1.0',
    id: 'evt-1',
    source: '/devices/7f3c',
    type: 'DEVICE_FIRST_SEEN',
    ...event,
  };
  for (const key of Object.keys(full))
    if (full[key as keyof typeof full] === undefined) delete full[key as keyof typeof full];
  return { name, valid, attributes: { 'content-type': STRUCTURED }, data: JSON.stringify(full) };
}

export const CORPUS: readonly Case[] = [
  binary('minimal binary event', true, {}),
  binary('binary event with every optional attribute and extensions', true, {
    'ce-subject': 'devices/7f3c',
    'ce-time': '2026-11-22T10:00:00.123Z',
    'ce-dataschema': 'https://schemas.example.com/device-first-seen.json',
    'ce-partitionkey': 'device-7f3c',
    'ce-traceparent': '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  }),
  binary('URN source and time with an offset', true, {
    'ce-source': 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
    'ce-time': '2026-11-22T10:00:00+02:00',
  }),
  binary('plain-text data', true, { 'content-type': 'text/plain' }, 'device 7f3c first seen'),
  structured('structured event with JSON data', true, {
    subject: 'devices/7f3c',
    data: { deviceUuid: '7f3c' },
  }),
  structured('structured event with data_base64', true, {
    datacontenttype: 'application/octet-stream',
    data_base64: Buffer.from([0, 1, 2, 254, 255]).toString('base64'),
  }),
  binary('missing id', false, { 'ce-id': undefined }),
  binary('missing source', false, { 'ce-source': undefined }),
  binary('missing type', false, { 'ce-type': undefined }),
  binary('specversion 2.0', false, { 'ce-specversion': '2.0' }),
  binary('empty id', false, { 'ce-id': '' }),
  binary('empty subject', false, { 'ce-subject': '' }),
  binary('time that is not a timestamp', false, { 'ce-time': 'yesterday' }),
  binary('time on the 45th day of month 13', false, { 'ce-time': '2026-13-45T10:00:00Z' }),
  binary('time without a zone offset', false, { 'ce-time': '2026-11-22T10:00:00' }),
  binary('source that is not a URI-reference', false, { 'ce-source': 'not a uri' }),
  binary('relative dataschema', false, { 'ce-dataschema': 'schemas/device.json' }),
  binary('attribute name with an underscore', false, { 'ce-bad_name': 'x' }),
  structured('attribute name with capitals', false, { badName: 'x' }),
  structured('datacontenttype that is not a media type', false, { datacontenttype: 'not a media type' }),
  structured('extension whose value is an object', false, { ext: { a: 1 } }),
  structured('extension integer beyond 32 bits', false, { big: 1e12 }),
  structured('data_base64 that is not base64', false, { data_base64: '***' }),
  structured('specversion as a number', false, { specversion: 1.0 }),
];

type Judge = (c: Case) => boolean;

function eventqInput(c: Case): PubsubMessageLike {
  return { attributes: c.attributes, data: Buffer.from(c.data).toString('base64') };
}

const eventqAccepts = (message: PubsubMessageLike): boolean => {
  try {
    validateCloudEvent(decodePubsubMessage(message));
    return true;
  } catch {
    return false;
  }
};

const sdkAccepts = (message: { headers: Record<string, string>; body: string }): boolean => {
  try {
    const events = HTTP.toEvent(message) as CloudEvent | CloudEvent[];
    return (Array.isArray(events) ? events : [events]).every((e) => e.validate());
  } catch {
    return false;
  }
};

function correctness(judge: Judge): { correct: number; wrong: string[] } {
  const wrong = CORPUS.filter((c) => judge(c) !== c.valid).map((c) => c.name);
  return { correct: CORPUS.length - wrong.length, wrong };
}

/** Calls per second of `run` over the inputs in turn, for about `ms`. */
function rate<T>(inputs: readonly T[], run: (input: T) => boolean, ms: number): number {
  let calls = 0;
  let accepted = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 1000; i++) if (run(inputs[i % inputs.length]!)) accepted++;
    calls += 1000;
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  if (accepted !== calls) throw new Error('a valid benchmark event was refused');
  return (calls / elapsed) * 1000;
}

export interface ValidationResult {
  readonly sdkEventsPerSecond: number;
  readonly eventqEventsPerSecond: number;
  readonly speedup: number;
  readonly corpusSize: number;
  readonly sdkCorrect: number;
  readonly eventqCorrect: number;
  readonly sdkWrongOn: readonly string[];
  readonly eventqWrongOn: readonly string[];
}

export function measureValidation(options: BenchOptions): ValidationResult {
  const eventq = correctness((c) => eventqAccepts(eventqInput(c)));
  const sdk = correctness((c) => sdkAccepts({ headers: c.attributes, body: c.data }));

  const valid = CORPUS.filter((c) => c.valid);
  const eventqInputs = valid.map(eventqInput);
  const sdkInputs = valid.map((c) => ({ headers: c.attributes, body: c.data }));
  let sdkRate = 0;
  let eventqRate = 0;
  // Alternating rounds, best of each: JIT warm-up and machine noise hit both.
  for (let round = 0; round < 3; round++) {
    sdkRate = Math.max(sdkRate, rate(sdkInputs, sdkAccepts, options.microBenchMs));
    eventqRate = Math.max(eventqRate, rate(eventqInputs, eventqAccepts, options.microBenchMs));
  }
  return {
    sdkEventsPerSecond: sdkRate,
    eventqEventsPerSecond: eventqRate,
    speedup: eventqRate / sdkRate,
    corpusSize: CORPUS.length,
    sdkCorrect: sdk.correct,
    eventqCorrect: eventq.correct,
    sdkWrongOn: sdk.wrong,
    eventqWrongOn: eventq.wrong,
  };
}
