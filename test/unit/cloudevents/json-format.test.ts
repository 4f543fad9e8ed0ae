import type { CloudEvent } from '../../../functions/src/cloudevents/cloudevent';
import {
  fromStructuredJson,
  structuredJsonBytes,
  structuredJsonText,
  toStructuredJson,
} from '../../../functions/src/cloudevents/json-format';
import { InvalidCloudEventError } from '../../../functions/src/errors';

const REQUIRED = { specversion: '1.0', id: 'evt-1', source: '/orders', type: 'com.example.order.created' };

describe('fromStructuredJson', () => {
  it('decodes data_base64 to bytes and assumes no content type', () => {
    const event = fromStructuredJson({
      ...REQUIRED,
      data_base64: Buffer.from([0, 1, 254, 255]).toString('base64'),
    });
    expect([...event.data!]).toEqual([0, 1, 254, 255]);
    expect(event.attributes).not.toHaveProperty('datacontenttype');
  });

  it.each([
    ['application/json', { a: 1 }, '{"a":1}'],
    ['text/json', [1, 2], '[1,2]'],
    ['application/ld+json; charset=utf-8', { '@id': 'x' }, '{"@id":"x"}'],
    ['application/json', 'just a string', '"just a string"'],
    ['application/json', null, 'null'],
    ['application/json', 1.5, '1.5'],
  ])('serialises data with %s as JSON', (datacontenttype, data, bytes) => {
    const event = fromStructuredJson({ ...REQUIRED, datacontenttype, data });
    expect(event.data?.toString('utf8')).toBe(bytes);
    expect(event.attributes.datacontenttype).toBe(datacontenttype);
  });

  it('takes string data in a non-JSON content type as its UTF-8 bytes', () => {
    const event = fromStructuredJson({
      ...REQUIRED,
      datacontenttype: 'application/xml',
      data: '<much wow="xml"/> ✓',
    });
    expect(event.data?.toString('utf8')).toBe('<much wow="xml"/> ✓');
  });

  it('rejects non-string data in a non-JSON content type', () => {
    expect(() => fromStructuredJson({ ...REQUIRED, datacontenttype: 'text/plain', data: { a: 1 } })).toThrow(
      '"data" must be a string when datacontenttype "text/plain" is not JSON',
    );
  });

  it('rejects both data and data_base64', () => {
    expect(() => fromStructuredJson({ ...REQUIRED, data: 'x', data_base64: 'eA==' })).toThrow(
      'an event has "data" or "data_base64", not both',
    );
  });

  it.each(['not base64!', 'eA=', 'e', 42])('rejects data_base64 %j', (dataBase64) => {
    expect(() => fromStructuredJson({ ...REQUIRED, data_base64: dataBase64 })).toThrow(
      '"data_base64" must be a base64 string',
    );
  });

  it('accepts data_base64 without its padding', () => {
    expect(fromStructuredJson({ ...REQUIRED, data_base64: 'eHk' }).data?.toString()).toBe('xy');
  });

  it('treats null attributes as unset', () => {
    const event = fromStructuredJson({ ...REQUIRED, subject: null, time: null, data_base64: null });
    expect(event).toEqual({ attributes: REQUIRED });
  });

  it.each([
    ['an object', { a: 1 }, 'a JSON object'],
    ['an array', [1], 'an array'],
  ])('rejects an attribute whose value is %s', (_label, value, kind) => {
    expect(() => fromStructuredJson({ ...REQUIRED, ext: value })).toThrow(
      `attribute "ext" must be a string, boolean or integer, not ${kind}`,
    );
  });

  it('refuses a __proto__ member instead of altering the prototype', () => {
    expect(() => fromStructuredJson(JSON.parse('{"id":"x","__proto__":"y"}'))).toThrow(
      InvalidCloudEventError,
    );
  });
});

describe('toStructuredJson', () => {
  it('carries JSON data as a JSON value', () => {
    const event: CloudEvent = {
      attributes: { ...REQUIRED, datacontenttype: 'application/json' },
      data: Buffer.from('{"total":42}'),
    };
    expect(toStructuredJson(event)).toEqual({
      ...REQUIRED,
      datacontenttype: 'application/json',
      data: { total: 42 },
    });
  });

  it('carries text/* data as a string', () => {
    const event: CloudEvent = {
      attributes: { ...REQUIRED, datacontenttype: 'text/plain; charset=utf-8' },
      data: Buffer.from('Grüße 😀'),
    };
    expect(toStructuredJson(event).data).toBe('Grüße 😀');
  });

  it.each([
    ['bytes without a content type', undefined, Buffer.from('{"a":1}')],
    ['binary bytes', 'application/octet-stream', Buffer.from([0, 255])],
    ['JSON-typed bytes that are not JSON', 'application/json', Buffer.from('{nope')],
    ['text that is not UTF-8', 'text/plain', Buffer.from([0xc3, 0x28])],
    ['text in another charset', 'text/plain; charset=iso-8859-1', Buffer.from([0xe9])],
  ])('carries %s as data_base64', (_label, datacontenttype, data) => {
    const attributes = datacontenttype === undefined ? REQUIRED : { ...REQUIRED, datacontenttype };
    const json = toStructuredJson({ attributes, data });
    expect(json.data_base64).toBe(data.toString('base64'));
    expect(json).not.toHaveProperty('data');
  });

  it('omits data when the event has none', () => {
    expect(toStructuredJson({ attributes: REQUIRED })).toEqual(REQUIRED);
  });
});

describe('structuredJsonText', () => {
  it('copies JSON data verbatim, so that big integers keep every digit', () => {
    const event: CloudEvent = {
      attributes: { ...REQUIRED, datacontenttype: 'application/json' },
      data: Buffer.from('{"id": 12345678901234567890}'),
    };
    const text = structuredJsonText(event);
    expect(text).toContain('"data":{"id": 12345678901234567890}');
    expect(JSON.parse(text)).toEqual({ ...toStructuredJson(event) });
  });

  it('is the JSON of toStructuredJson for text and binary data', () => {
    for (const event of [
      { attributes: { ...REQUIRED, datacontenttype: 'text/plain' }, data: Buffer.from('hi "there"') },
      { attributes: REQUIRED, data: Buffer.from([1, 2, 3]) },
      { attributes: REQUIRED },
    ]) {
      expect(JSON.parse(structuredJsonText(event))).toEqual(toStructuredJson(event));
    }
  });

  it('round-trips through fromStructuredJson', () => {
    const event: CloudEvent = {
      attributes: { ...REQUIRED, datacontenttype: 'application/json', priority: 3, urgent: true },
      data: Buffer.from('{"a":[1,2,{"b":null}]}'),
    };
    expect(fromStructuredJson(JSON.parse(structuredJsonText(event)))).toEqual(event);
  });
});

describe('structuredJsonBytes', () => {
  const events: CloudEvent[] = [
    {
      attributes: { ...REQUIRED, datacontenttype: 'application/json' },
      data: Buffer.from('{"id": 12345678901234567890}'),
    },
    {
      attributes: { ...REQUIRED, datacontenttype: 'application/json' },
      data: Buffer.from('\ufeff{"bom":true}'),
    },
    { attributes: { ...REQUIRED, datacontenttype: 'application/json' }, data: Buffer.from('not json') },
    { attributes: { ...REQUIRED, datacontenttype: 'text/plain' }, data: Buffer.from('hi "there"') },
    { attributes: REQUIRED, data: Buffer.from([1, 2, 0xff]) },
    { attributes: {} },
    { attributes: REQUIRED },
  ];

  it('is the same bytes as structuredJsonText, for every kind of data', () => {
    for (const event of events) {
      expect(structuredJsonBytes(event).toString('utf8')).toBe(structuredJsonText(event));
    }
  });

  it('is valid JSON when the data starts with a byte order mark', () => {
    expect(JSON.parse(structuredJsonBytes(events[1]!).toString('utf8')).data).toEqual({ bom: true });
  });
});
