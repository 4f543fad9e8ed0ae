import { decodePubsubMessage } from '../../../functions/src/cloudevents/decode-pubsub-message';
import { validateCloudEvent } from '../../../functions/src/cloudevents/validate-cloudevent';
import { InvalidCloudEventError } from '../../../functions/src/errors';

const BINARY_ATTRIBUTES = {
  'ce-specversion': '1.0',
  'ce-id': 'evt-1',
  'ce-source': '/orders',
  'ce-type': 'com.example.order.created',
};

function structured(json: unknown, contentType = 'application/cloudevents+json; charset=utf-8') {
  const data = Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)).toString('base64');
  return { data, attributes: { 'content-type': contentType } };
}

const REQUIRED_JSON = {
  specversion: '1.0',
  id: 'evt-1',
  source: '/orders',
  type: 'com.example.order.created',
};

describe('decodePubsubMessage in binary mode', () => {
  it('maps ce- attributes to attributes and base64 push data to bytes', () => {
    const event = decodePubsubMessage({
      data: Buffer.from('{"total":42}').toString('base64'),
      attributes: { ...BINARY_ATTRIBUTES, 'ce-subject': 'order/42', 'content-type': 'application/json' },
    });
    expect(event.attributes).toEqual({
      specversion: '1.0',
      id: 'evt-1',
      source: '/orders',
      type: 'com.example.order.created',
      subject: 'order/42',
      datacontenttype: 'application/json',
    });
    expect(event.data?.toString()).toBe('{"total":42}');
  });

  it('takes bytes from the Node client as they are', () => {
    const bytes = Buffer.from([0x00, 0xff, 0x10]);
    expect(decodePubsubMessage({ data: bytes, attributes: BINARY_ATTRIBUTES }).data).toBe(bytes);
  });

  it('wraps a Uint8Array view without losing its offset', () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const view = backing.subarray(2, 5);
    expect([...(decodePubsubMessage({ data: view, attributes: BINARY_ATTRIBUTES }).data ?? [])]).toEqual([
      1, 2, 3,
    ]);
  });

  it.each([
    ['an empty string', ''],
    ['null', null],
    ['undefined', undefined],
    ['an empty buffer', Buffer.alloc(0)],
  ])('treats %s as no data', (_label, data) => {
    const event = decodePubsubMessage({ data, attributes: BINARY_ATTRIBUTES });
    expect(event).not.toHaveProperty('data');
  });

  it('reads datacontenttype from ce-datacontenttype when there is no content-type', () => {
    const event = decodePubsubMessage({
      attributes: { ...BINARY_ATTRIBUTES, 'ce-datacontenttype': 'text/plain' },
    });
    expect(event.attributes.datacontenttype).toBe('text/plain');
  });

  it('prefers content-type over ce-datacontenttype, as the binding requires', () => {
    const event = decodePubsubMessage({
      attributes: {
        ...BINARY_ATTRIBUTES,
        'ce-datacontenttype': 'text/plain',
        'content-type': 'application/xml',
      },
    });
    expect(event.attributes.datacontenttype).toBe('application/xml');
  });

  it('ignores transport attributes that are not ce- attributes', () => {
    const event = decodePubsubMessage({
      attributes: {
        ...BINARY_ATTRIBUTES,
        googclient_schemaname: 'projects/p/schemas/s',
        'eventq-tenant': 'acme',
        'CE-TYPE': 'not a ce- key, since Pub/Sub keys are case-sensitive',
      },
    });
    expect(Object.keys(event.attributes).sort()).toEqual(['id', 'source', 'specversion', 'type']);
  });

  it('keeps attribute names as given so that validation can reject them', () => {
    const event = decodePubsubMessage({ attributes: { ...BINARY_ATTRIBUTES, 'ce-Bad_Name': 'x' } });
    expect(event.attributes.Bad_Name).toBe('x');
    expect(() => validateCloudEvent(event)).toThrow(
      'attribute name "Bad_Name" must consist of lowercase letters',
    );
  });

  it('refuses a __proto__ attribute instead of altering the prototype', () => {
    expect(() => decodePubsubMessage({ attributes: { ...BINARY_ATTRIBUTES, 'ce-__proto__': 'x' } })).toThrow(
      InvalidCloudEventError,
    );
  });

  it('keeps extension values as strings, as Pub/Sub carries them', () => {
    const event = decodePubsubMessage({
      attributes: { ...BINARY_ATTRIBUTES, 'ce-priority': '7', 'ce-urgent': 'true' },
    });
    expect(event.attributes).toMatchObject({ priority: '7', urgent: 'true' });
  });

  it('treats a message without attributes as binary and leaves the rest to validation', () => {
    const event = decodePubsubMessage({ data: 'eA==', attributes: null });
    expect(event.attributes).toEqual({});
    expect(() => validateCloudEvent(event)).toThrow('missing required attribute "id"');
  });

  it('treats another cloudevents format as binary', () => {
    const event = decodePubsubMessage({
      data: 'eA==',
      attributes: { ...BINARY_ATTRIBUTES, 'content-type': 'application/cloudevents-batch+json' },
    });
    expect(event.attributes.datacontenttype).toBe('application/cloudevents-batch+json');
  });
});

describe('decodePubsubMessage in structured mode', () => {
  it.each([
    'application/cloudevents+json',
    'application/cloudevents+json; charset=utf-8',
    'Application/CloudEvents+JSON;charset=UTF-8',
    'application/cloudevents+json ',
  ])('recognises the content type %j', (contentType) => {
    const event = decodePubsubMessage(structured(REQUIRED_JSON, contentType));
    expect(event.attributes).toEqual(REQUIRED_JSON);
  });

  it('reads the event from a Buffer as the Node client gives it', () => {
    const event = decodePubsubMessage({
      data: Buffer.from(JSON.stringify(REQUIRED_JSON)),
      attributes: { 'content-type': 'application/cloudevents+json' },
    });
    expect(event.attributes).toEqual(REQUIRED_JSON);
  });

  it('turns JSON data into its JSON bytes and makes the implied content type explicit', () => {
    const event = decodePubsubMessage(structured({ ...REQUIRED_JSON, data: { total: 42, note: 'é' } }));
    expect(event.attributes.datacontenttype).toBe('application/json');
    expect(JSON.parse(event.data!.toString('utf8'))).toEqual({ total: 42, note: 'é' });
  });

  it('keeps boolean and integer extension values typed', () => {
    const event = decodePubsubMessage(
      structured({ ...REQUIRED_JSON, priority: 7, urgent: false, label: 'x' }),
    );
    expect(event.attributes).toMatchObject({ priority: 7, urgent: false, label: 'x' });
  });

  it('ignores ce- attributes beside a structured event: the payload is authoritative', () => {
    const message = structured(REQUIRED_JSON);
    const event = decodePubsubMessage({
      ...message,
      attributes: { ...message.attributes, 'ce-type': 'other' },
    });
    expect(event.attributes.type).toBe(REQUIRED_JSON.type);
  });

  it.each([
    ['not JSON at all', '{"id": ', "a structured-mode message's data is not valid JSON"],
    ['a JSON array', '[1, 2]', 'a structured-mode event must be a JSON object'],
    ['a JSON string', '"event"', 'a structured-mode event must be a JSON object'],
    ['JSON null', 'null', 'a structured-mode event must be a JSON object'],
  ])('rejects a body that is %s', (_label, body, detail) => {
    expect(() => decodePubsubMessage(structured(body))).toThrow(InvalidCloudEventError);
    expect(() => decodePubsubMessage(structured(body))).toThrow(detail);
  });

  it('rejects a structured message with no data', () => {
    expect(() =>
      decodePubsubMessage({ attributes: { 'content-type': 'application/cloudevents+json' } }),
    ).toThrow('a structured-mode message must carry the JSON event as its data');
  });
});
