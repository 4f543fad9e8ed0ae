import type { CloudEvent, CloudEventAttributeValue } from '../../../functions/src/cloudevents/cloudevent';
import {
  cloudEventProblems,
  validateCloudEvent,
} from '../../../functions/src/cloudevents/validate-cloudevent';
import { InvalidCloudEventError } from '../../../functions/src/errors';

const REQUIRED = { specversion: '1.0', id: 'evt-1', source: '/orders', type: 'com.example.order.created' };

function eventWith(extra: Record<string, CloudEventAttributeValue>): CloudEvent {
  return { attributes: { ...REQUIRED, ...extra } };
}

function problemsOf(extra: Record<string, CloudEventAttributeValue>): readonly string[] {
  return cloudEventProblems(eventWith(extra));
}

describe('validateCloudEvent', () => {
  it('accepts an event with only the required attributes', () => {
    expect(() => validateCloudEvent({ attributes: REQUIRED })).not.toThrow();
  });

  it('accepts an event with every optional attribute and extensions of each type', () => {
    const event = eventWith({
      subject: 'order/42',
      time: '2024-02-29T23:59:60.123456Z',
      datacontenttype: 'application/json; charset=utf-8',
      dataschema: 'https://schemas.example.com/order.json',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      priority: 7,
      urgent: true,
      empty: '',
      averyveryverylongextensionname: 'names over 20 characters are only discouraged',
    });
    expect(cloudEventProblems(event)).toEqual([]);
  });

  it('throws InvalidCloudEventError whose detail lists every problem', () => {
    const event: CloudEvent = { attributes: { specversion: '1.0', id: 'x', type: 't', time: 'yesterday' } };
    expect(() => validateCloudEvent(event)).toThrow(InvalidCloudEventError);
    expect(() => validateCloudEvent(event)).toThrow(
      'missing required attribute "source"; attribute "time" is not an RFC 3339 timestamp',
    );
  });

  describe("Pub/Sub's attribute bounds", () => {
    it.each<[string, Record<string, CloudEventAttributeValue>, RegExp]>([
      [
        'a subject of 1,025 ASCII bytes',
        { subject: 'x'.repeat(1_025) },
        /"subject" is longer than 1024 bytes/,
      ],
      [
        'an extension of 342 three-byte characters',
        { note: '✓'.repeat(342) },
        /"note" is longer than 1024 bytes/,
      ],
      ['a 6 MB non-ASCII extension', { big: 'é'.repeat(3_000_000) }, /"big" is longer than 1024 bytes/],
      ['an attribute name of 254 characters', { ['x'.repeat(254)]: 'v' }, /longer than 253 characters/],
      [
        'more than 100 attributes',
        Object.fromEntries(Array.from({ length: 97 }, (_, i) => [`ext${i}`, 'v'])),
        /more than 100 attributes/,
      ],
    ])('refuses %s', (_what, extra, problem) => {
      expect(problemsOf(extra).join('; ')).toMatch(problem);
    });

    it('accepts values up to the bounds', () => {
      expect(
        problemsOf({
          subject: 'x'.repeat(1_024),
          note: '✓'.repeat(341),
          ['x'.repeat(253)]: 'v',
          ...Object.fromEntries(Array.from({ length: 93 }, (_, i) => [`ext${i}`, 'v'])),
        }),
      ).toEqual([]);
    });
  });

  it('reports every missing required attribute of an empty event', () => {
    expect(cloudEventProblems({ attributes: {} })).toEqual([
      'missing required attribute "id"',
      'missing required attribute "source"',
      'missing required attribute "specversion"',
      'missing required attribute "type"',
    ]);
  });

  it.each([
    ['id', ''],
    ['source', ''],
    ['type', ''],
    ['subject', ''],
    ['time', ''],
    ['dataschema', ''],
    ['datacontenttype', ''],
  ])('rejects an empty %s', (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([`attribute "${name}" must not be empty`]);
  });

  it.each([['id'], ['source'], ['type'], ['subject'], ['time'], ['dataschema'], ['datacontenttype']])(
    'rejects a non-string %s',
    (name) => {
      expect(problemsOf({ [name]: 42 })).toEqual([`attribute "${name}" must be a string`]);
    },
  );

  it.each(['0.3', '1', '1.0.2', ' 1.0'])('rejects specversion %j', (specversion) => {
    expect(problemsOf({ specversion })).toEqual([
      `attribute "specversion" must be "1.0", got ${JSON.stringify(specversion)}`,
    ]);
  });

  it('rejects a boolean specversion', () => {
    expect(problemsOf({ specversion: true })).toEqual(['attribute "specversion" must be the string "1.0"']);
  });

  describe('attribute names', () => {
    it.each(['Type', 'my-ext', 'my_ext', 'ext.name', 'émoji', ' ', ''])('rejects %j', (name) => {
      expect(problemsOf({ [name]: 'v' })).toEqual([
        `attribute name ${JSON.stringify(name)} must consist of lowercase letters a-z and digits 0-9`,
      ]);
    });

    it.each(['a', 'abc123', '1ext', 'x'.repeat(40)])('accepts %j', (name) => {
      expect(problemsOf({ [name]: 'v' })).toEqual([]);
    });

    it('rejects "data", which the JSON format reserves', () => {
      expect(problemsOf({ data: 'v' })).toEqual(['attribute name "data" is reserved']);
    });
  });

  describe('source (URI-reference)', () => {
    it.each([
      '/devices/abc',
      'urn:x:y',
      'https://a.b/c',
      'https://user:pw@example.com:8080/p/a/t/h?query=1&b=%20#frag',
      'mailto:cncf-wg-serverless@lists.cncf.io',
      'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
      '1-555-123-4567',
      'relative/path',
      '//example.com/path',
      'http://[2001:db8::1]/x',
      '?q',
      '#frag',
      '/a%2Fb',
    ])('accepts %j', (source) => {
      expect(problemsOf({ source })).toEqual([]);
    });

    it.each([
      'has space',
      '/tab\there',
      '/new\nline',
      '/bad%zzescape',
      '/truncated%4',
      '/ünïcode',
      '<angle>',
      '1ab:cd',
      'http://exa mple.com',
      '/a"quote',
      '/back\\slash',
    ])('rejects %j', (source) => {
      expect(problemsOf({ source }).join()).toMatch(
        /attribute "source" (is not a URI-reference|contains a control)/,
      );
    });
  });

  describe('dataschema (absolute URI)', () => {
    it.each([
      'https://schemas.example.com/order.json',
      'urn:schema:order:v2',
      'https://x.example/s.json#/defs/a',
    ])('accepts %j', (dataschema) => {
      expect(problemsOf({ dataschema })).toEqual([]);
    });

    it.each(['/relative/schema.json', 'schema.json', 'https://x/ y', '//host/only'])(
      'rejects %j',
      (dataschema) => {
        expect(problemsOf({ dataschema })).toEqual([
          'attribute "dataschema" is not an absolute URI (RFC 3986)',
        ]);
      },
    );
  });

  describe('time (RFC 3339)', () => {
    it.each([
      '2018-04-05T17:31:00Z',
      '2018-04-05t17:31:00z',
      '2018-04-05T17:31:00.1Z',
      '2018-04-05T17:31:00.123456789+05:30',
      '2018-04-05T17:31:00-00:00',
      '2024-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '2016-12-31T23:59:60Z',
      '0001-01-01T00:00:00Z',
    ])('accepts %j', (time) => {
      expect(problemsOf({ time })).toEqual([]);
    });

    it.each([
      '2018-04-05',
      '2018-04-05 17:31:00Z',
      '2018-04-05T17:31:00',
      '2018-04-05T17:31Z',
      '2018-4-05T17:31:00Z',
      '2018-13-01T00:00:00Z',
      '2018-00-01T00:00:00Z',
      '2018-04-31T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2018-04-05T24:00:00Z',
      '2018-04-05T23:60:00Z',
      '2018-04-05T23:59:61Z',
      '2018-04-05T17:31:00.Z',
      '2018-04-05T17:31:00+0530',
      '2018-04-05T17:31:00+24:00',
      '2018-04-05T17:31:00+05:60',
      '2018-04-05T17:31:00Z ',
      '2018-04-05T17:31:00ZZ',
      '+2018-04-05T17:31:00Z',
      '1522949460',
    ])('rejects %j', (time) => {
      expect(problemsOf({ time })).toEqual(['attribute "time" is not an RFC 3339 timestamp']);
    });
  });

  describe('datacontenttype (RFC 2046)', () => {
    it.each([
      'application/json',
      'text/plain; charset=utf-8',
      'TEXT/Plain;CharSet=UTF-8',
      'application/vnd.apache.thrift.binary',
      'application/ld+json',
      'multipart/form-data; boundary="a b;c"',
      'text/plain ; a=1 ; b=2',
    ])('accepts %j', (datacontenttype) => {
      expect(problemsOf({ datacontenttype })).toEqual([]);
    });

    it.each([
      'json',
      'application/',
      '/json',
      'application/json;',
      'text/plain; charset',
      'a b/c',
      'text/plain; x="unterminated',
    ])('rejects %j', (datacontenttype) => {
      expect(problemsOf({ datacontenttype })).toEqual([
        'attribute "datacontenttype" is not a media type (type/subtype with optional ;parameters)',
      ]);
    });
  });

  describe('extension values', () => {
    it.each([
      ['a float', 1.5, 'must be an integer between -2147483648 and 2147483647'],
      ['an integer beyond 32 bits', 2 ** 31, 'must be an integer between -2147483648 and 2147483647'],
      ['NaN', Number.NaN, 'must be an integer between -2147483648 and 2147483647'],
    ])('rejects %s', (_label, value, problem) => {
      expect(problemsOf({ ext: value })).toEqual([`attribute "ext" ${problem}`]);
    });

    it('accepts the 32-bit integer bounds', () => {
      expect(problemsOf({ low: -2147483648, high: 2147483647 })).toEqual([]);
    });

    it('rejects objects and null that bypassed the type', () => {
      const attributes = { ...REQUIRED, obj: {}, nil: null } as unknown as Record<
        string,
        CloudEventAttributeValue
      >;
      expect(cloudEventProblems({ attributes })).toEqual([
        'attribute "obj" must be a string, boolean or integer',
        'attribute "nil" must be a string, boolean or integer',
      ]);
    });
  });

  describe('string characters', () => {
    it.each([
      ['a control character', 'a\u0001b'],
      ['a newline', 'line\nbreak'],
      ['DEL', 'a\u007fb'],
      ['a C1 control', 'a\u0085b'],
      ['a noncharacter', 'a\ufffeb'],
      ['a plane-1 noncharacter', 'a\u{1fffe}b'],
      ['an unpaired high surrogate', 'a\ud800b'],
      ['an unpaired low surrogate', 'a\udeadb'],
    ])('rejects %s in a string value', (_label, value) => {
      expect(problemsOf({ subject: value })).toEqual([
        'attribute "subject" contains a control character, noncharacter or unpaired surrogate',
      ]);
    });

    it('accepts non-ASCII text and paired surrogates', () => {
      expect(problemsOf({ subject: 'Euro € 😀 日本' })).toEqual([]);
    });
  });
});
