import {
  decodeFirestoreFields,
  decodeFirestoreValue,
  FirestoreValueError,
} from '../../../functions/src/store/firestore-value';

describe('decodeFirestoreValue', () => {
  it.each([
    ['a null', { nullValue: null }, null],
    ['a boolean', { booleanValue: true }, true],
    ['a string', { stringValue: 'Grüße 🌍' }, 'Grüße 🌍'],
    ['an int64, which travels as a decimal string', { integerValue: '1900000000000' }, 1_900_000_000_000],
    ['a negative integer', { integerValue: '-7' }, -7],
    ['a double', { doubleValue: 0.25 }, 0.25],
    [
      'a timestamp, as its RFC 3339 string',
      { timestampValue: '2026-11-22T10:00:00.123Z' },
      '2026-11-22T10:00:00.123Z',
    ],
    [
      'a reference, as its resource name',
      { referenceValue: 'projects/p/databases/(default)/documents/tenants/acme' },
      'projects/p/databases/(default)/documents/tenants/acme',
    ],
    [
      'a geo point',
      { geoPointValue: { latitude: 47.37, longitude: 8.54 } },
      { latitude: 47.37, longitude: 8.54 },
    ],
    ['an empty array, written without "values"', { arrayValue: {} }, []],
    ['an empty map, written without "fields"', { mapValue: {} }, {}],
  ])('decodes %s', (_what, value, expected) => {
    expect(decodeFirestoreValue(value)).toEqual(expected);
  });

  it('decodes the non-finite doubles that JSON can only write as strings', () => {
    expect(decodeFirestoreValue({ doubleValue: 'NaN' })).toBeNaN();
    expect(decodeFirestoreValue({ doubleValue: 'Infinity' })).toBe(Number.POSITIVE_INFINITY);
    expect(decodeFirestoreValue({ doubleValue: '-Infinity' })).toBe(Number.NEGATIVE_INFINITY);
  });

  it('decodes bytes from base64 into a Buffer, as the Node client does', () => {
    const decoded = decodeFirestoreValue({ bytesValue: Buffer.from([0, 1, 254, 255]).toString('base64') });
    expect(Buffer.isBuffer(decoded)).toBe(true);
    expect([...(decoded as Buffer)]).toEqual([0, 1, 254, 255]);
  });

  it('decodes arrays and maps nested in each other', () => {
    const value = {
      arrayValue: {
        values: [
          {
            mapValue: {
              fields: {
                any: {
                  arrayValue: {
                    values: [
                      {
                        mapValue: {
                          fields: { exact: { mapValue: { fields: { type: { stringValue: 'A' } } } } },
                        },
                      },
                    ],
                  },
                },
              },
            },
          },
          { integerValue: '3' },
        ],
      },
    };
    expect(decodeFirestoreValue(value)).toEqual([{ any: [{ exact: { type: 'A' } }] }, 3]);
  });

  it.each([
    ['an unknown value type', { vectorValue: {} }, /unsupported Firestore value type "vectorValue"/],
    ['a value with no type', {}, /has no type/],
    ['an integer that is not one', { integerValue: '1.5' }, /not an integer/],
    ['a double that is not a number', { doubleValue: 'many' }, /not a number/],
  ])('refuses %s', (_what, value, message) => {
    expect(() => decodeFirestoreValue(value)).toThrow(FirestoreValueError);
    expect(() => decodeFirestoreValue(value)).toThrow(message);
  });
});

describe('decodeFirestoreFields', () => {
  it('turns a queue document into the definition the api wrote', () => {
    const fields = {
      tenant: { stringValue: 'acme' },
      name: { stringValue: 'orders' },
      kind: { stringValue: 'push' },
      sink: { stringValue: 'https://hooks.example.com/eventq' },
      types: { arrayValue: { values: [{ stringValue: 'DEVICE_FIRST_SEEN' }] } },
      filters: {
        arrayValue: {
          values: [
            {
              mapValue: {
                fields: { prefix: { mapValue: { fields: { source: { stringValue: '/devices/' } } } } },
              },
            },
          ],
        },
      },
      contentMode: { stringValue: 'binary' },
      status: { stringValue: 'active' },
      secrets: {
        arrayValue: {
          values: [
            { mapValue: { fields: { value: { stringValue: 'whsec_new' } } } },
            {
              mapValue: {
                fields: { value: { stringValue: 'whsec_old' }, expiresAt: { integerValue: '1900000000000' } },
              },
            },
          ],
        },
      },
      subscription: { stringValue: 'projects/p/subscriptions/eventq-acme.orders' },
      createdAt: { stringValue: '2026-11-22T10:00:00.000Z' },
      updatedAt: { stringValue: '2026-11-22T10:00:00.000Z' },
    };
    expect(decodeFirestoreFields(fields)).toEqual({
      tenant: 'acme',
      name: 'orders',
      kind: 'push',
      sink: 'https://hooks.example.com/eventq',
      types: ['DEVICE_FIRST_SEEN'],
      filters: [{ prefix: { source: '/devices/' } }],
      contentMode: 'binary',
      status: 'active',
      secrets: [{ value: 'whsec_new' }, { value: 'whsec_old', expiresAt: 1_900_000_000_000 }],
      subscription: 'projects/p/subscriptions/eventq-acme.orders',
      createdAt: '2026-11-22T10:00:00.000Z',
      updatedAt: '2026-11-22T10:00:00.000Z',
    });
  });

  it('keeps a field named __proto__ as a field rather than changing the prototype', () => {
    // JSON.parse makes "__proto__" an own key, as it is in Firestore's answer.
    const decoded = decodeFirestoreFields(JSON.parse('{"__proto__": {"stringValue": "x"}}'));
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(['__proto__']);
  });
});
