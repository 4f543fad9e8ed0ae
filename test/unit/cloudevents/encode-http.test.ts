import { HTTP, CloudEvent as SdkCloudEvent } from 'cloudevents';
import type { CloudEvent } from '../../../functions/src/cloudevents/cloudevent';
import { decodePubsubMessage } from '../../../functions/src/cloudevents/decode-pubsub-message';
import {
  encodeHttpBinary,
  encodeHttpStructured,
  encodePubsubBinary,
  toStructuredJson,
} from '../../../functions/src/cloudevents/encode-http';
import { percentDecodeHeaderValue } from '../../../functions/src/cloudevents/percent-encode';

const REQUIRED = {
  specversion: '1.0',
  id: 'evt-1',
  source: '/orders',
  type: 'com.example.order.created',
  time: '2024-05-01T12:00:00.000Z',
};

/** Decodes our binary HTTP headers back to attributes, as a receiver would. */
function attributesFromHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'content-type') out.datacontenttype = value;
    else if (name.startsWith('ce-')) out[name.slice(3)] = percentDecodeHeaderValue(value)!;
  }
  return out;
}

describe('encodeHttpBinary', () => {
  it('sends attributes as ce- headers, datacontenttype as content-type and the data as the body', () => {
    const data = Buffer.from('{"total":42}');
    const message = encodeHttpBinary({
      attributes: { ...REQUIRED, datacontenttype: 'application/json' },
      data,
    });
    expect(message.headers).toEqual({
      'ce-specversion': '1.0',
      'ce-id': 'evt-1',
      'ce-source': '/orders',
      'ce-type': 'com.example.order.created',
      'ce-time': '2024-05-01T12:00:00.000Z',
      'content-type': 'application/json',
    });
    expect(message.body).toBe(data);
  });

  it('writes boolean and integer extensions in their canonical string form', () => {
    const { headers } = encodeHttpBinary({ attributes: { ...REQUIRED, priority: -7, urgent: false } });
    expect(headers).toMatchObject({ 'ce-priority': '-7', 'ce-urgent': 'false' });
  });

  it('percent-encodes values but not the content type', () => {
    const { headers } = encodeHttpBinary({
      attributes: { ...REQUIRED, subject: 'Grüße "x" 100%', datacontenttype: 'text/plain; charset=utf-8' },
    });
    expect(headers['ce-subject']).toBe('Gr%C3%BC%C3%9Fe%20%22x%22%20100%25');
    expect(headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('sends an empty body and no content-type for an event without data', () => {
    const message = encodeHttpBinary({ attributes: REQUIRED });
    expect(message.body.length).toBe(0);
    expect(message.headers).not.toHaveProperty('content-type');
    expect(message.headers).not.toHaveProperty('ce-datacontenttype');
  });

  it('round-trips non-ASCII attributes and binary data', () => {
    const event: CloudEvent = {
      attributes: {
        ...REQUIRED,
        subject: 'naïve 😀',
        datacontenttype: 'application/octet-stream',
        tenant: 'açme',
      },
      data: Buffer.from([0x00, 0x80, 0xff, 0xfe]),
    };
    const message = encodeHttpBinary(event);
    expect(attributesFromHeaders(message.headers)).toEqual(event.attributes);
    expect(message.body.equals(event.data!)).toBe(true);
  });

  it('agrees with the cloudevents SDK reading it back', () => {
    const event: CloudEvent = {
      attributes: {
        ...REQUIRED,
        subject: 'order/42',
        datacontenttype: 'application/json',
        region: 'eu',
        priority: 3,
      },
      data: Buffer.from('{"total":42,"note":"é"}'),
    };
    const message = encodeHttpBinary(event);
    const sdkEvent = HTTP.toEvent({
      headers: message.headers,
      body: message.body.toString('utf8'),
    }) as SdkCloudEvent;
    expect(sdkEvent.validate()).toBe(true);
    expect(sdkEvent).toMatchObject({ ...REQUIRED, subject: 'order/42', region: 'eu', priority: '3' });
    expect(sdkEvent.data).toEqual({ total: 42, note: 'é' });
  });
});

describe('encodeHttpStructured', () => {
  it('sends the JSON format with its media type', () => {
    const message = encodeHttpStructured({ attributes: REQUIRED });
    expect(message.headers).toEqual({ 'content-type': 'application/cloudevents+json; charset=utf-8' });
    expect(JSON.parse(message.body.toString('utf8'))).toEqual(REQUIRED);
  });

  it.each([
    ['JSON data', 'application/json', Buffer.from('{"a":[1,"ü"]}'), { data: { a: [1, 'ü'] } }],
    ['text data', 'text/plain', Buffer.from('Grüße 😀'), { data: 'Grüße 😀' }],
    ['binary data', 'image/png', Buffer.from([0x89, 0x50, 0x00, 0xff]), { data_base64: 'iVAA/w==' }],
  ])('agrees with the cloudevents SDK on %s', (_label, datacontenttype, data, expected) => {
    const event: CloudEvent = {
      attributes: { ...REQUIRED, datacontenttype, priority: 5, urgent: true },
      data,
    };
    const message = encodeHttpStructured(event);
    const sdkEvent = HTTP.toEvent({
      headers: message.headers,
      body: message.body.toString('utf8'),
    }) as SdkCloudEvent;
    expect(sdkEvent.validate()).toBe(true);
    expect(sdkEvent).toMatchObject({ ...REQUIRED, datacontenttype, priority: 5, urgent: true, ...expected });
    expect(toStructuredJson(event)).toMatchObject(expected);
  });
});

describe('encodePubsubBinary', () => {
  it('publishes attributes as ce- attributes and the content type as content-type', () => {
    const data = Buffer.from('hello');
    const message = encodePubsubBinary({
      attributes: { ...REQUIRED, datacontenttype: 'text/plain', seq: 12, ok: true, subject: 'a b "c"' },
      data,
    });
    expect(message.attributes).toEqual({
      'ce-specversion': '1.0',
      'ce-id': 'evt-1',
      'ce-source': '/orders',
      'ce-type': 'com.example.order.created',
      'ce-time': '2024-05-01T12:00:00.000Z',
      'content-type': 'text/plain',
      'ce-seq': '12',
      'ce-ok': 'true',
      'ce-subject': 'a b "c"',
    });
    expect(message.data).toBe(data);
  });

  it('round-trips through decodePubsubMessage, non-ASCII text and binary data included', () => {
    const event: CloudEvent = {
      attributes: { ...REQUIRED, subject: '日本 😀', datacontenttype: 'application/octet-stream' },
      data: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]),
    };
    const message = encodePubsubBinary(event);
    expect(
      decodePubsubMessage({ data: message.data.toString('base64'), attributes: message.attributes }),
    ).toEqual(event);
  });

  it('round-trips a structured-mode event with typed extensions, as strings', () => {
    const structured = {
      data: Buffer.from(JSON.stringify({ ...REQUIRED, priority: 7, urgent: true, data: { a: 1 } })),
      attributes: { 'content-type': 'application/cloudevents+json' },
    };
    const event = decodePubsubMessage(structured);
    const again = decodePubsubMessage(encodePubsubBinary(event));
    expect(again.attributes).toEqual({
      ...REQUIRED,
      priority: '7',
      urgent: 'true',
      datacontenttype: 'application/json',
    });
    expect(again.data?.toString()).toBe('{"a":1}');
  });

  it('reads what the cloudevents SDK writes in binary mode', () => {
    const sdkMessage = HTTP.binary(
      new SdkCloudEvent({
        ...REQUIRED,
        datacontenttype: 'application/json',
        data: { total: 1 },
        region: 'eu',
      }),
    );
    const event = decodePubsubMessage({
      data: Buffer.from(sdkMessage.body as string),
      attributes: sdkMessage.headers as Record<string, string>,
    });
    expect(event.attributes).toEqual({ ...REQUIRED, datacontenttype: 'application/json', region: 'eu' });
    expect(JSON.parse(event.data!.toString())).toEqual({ total: 1 });
  });
});
