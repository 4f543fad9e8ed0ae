import { InvalidArgumentError } from '../../../functions/src/errors';
import { decodePageToken, encodePageToken } from '../../../functions/src/store/failure-store';

const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('decodePageToken', () => {
  it('reads back a token the API gave', () => {
    const cursor = { t: Date.UTC(2030, 0, 1), id: 'a1B2c3D4e5F6g7H8i9J0' };
    expect(decodePageToken(encodePageToken(cursor))).toEqual(cursor);
  });

  it.each<[string, string]>([
    ['not base64url', '%%%'],
    ['not JSON', b64('{')],
    ['JSON null', b64('null')],
    ['a time beyond what Firestore holds', b64('{"t":1e300,"id":"abc"}')],
    ['a time before year 1', b64('{"t":-1e15,"id":"abc"}')],
    ['a fractional time', b64('{"t":1.5,"id":"abc"}')],
    ['an empty id', b64('{"t":1,"id":""}')],
    ['an id that is a path', b64('{"t":1,"id":"../../tenants/other"}')],
    ['an id that is not a string', b64('{"t":1,"id":7}')],
    ['a very long token', 'A'.repeat(10_000)],
  ])('refuses %s with InvalidArgumentError, not a Firestore error', (_what, token) => {
    expect(() => decodePageToken(token)).toThrow(InvalidArgumentError);
    expect(() => decodePageToken(token)).toThrow('pageToken: is not a token this API gave');
  });
});
