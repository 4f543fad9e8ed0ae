import {
  hasUtf8Charset,
  isJsonMediaType,
  isMediaType,
  isStructuredJsonMediaType,
  isTextMediaType,
} from '../../../functions/src/cloudevents/media-type';

describe('media types', () => {
  it.each<[string, boolean]>([
    ['text/plain', true],
    ['text/plain; charset="utf-8"', true],
    ['text/plain; name="caf\u00e9"', true],
    // Above U+00FF Node refuses the header, so the event could never be delivered.
    ['text/plain; name="\u2713"', false],
    ['text/plain; name="\u0100"', false],
    ['text/plain; name=', false],
    ['text', false],
  ])('isMediaType(%j) is %s', (value, expected) => {
    expect(isMediaType(value)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['text/json', true],
    ['application/ld+json', true],
    ['application/cloudevents+json ; x=1', true],
    ['application/jsonp', false],
    ['application/json-seq', false],
    ['text/plain', false],
    ['json', false],
    ['', false],
  ])('isJsonMediaType(%j) is %s', (value, expected) => {
    expect(isJsonMediaType(value)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['application/cloudevents+json', true],
    ['APPLICATION/CLOUDEVENTS+JSON;charset=utf-8', true],
    ['application/cloudevents+json\t', true],
    ['application/cloudevents+jsonx', false],
    ['application/cloudevents-batch+json', false],
    ['application/cloudevents+avro', false],
    ['application/json', false],
  ])('isStructuredJsonMediaType(%j) is %s', (value, expected) => {
    expect(isStructuredJsonMediaType(value)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['text/plain', true],
    ['TEXT/csv', true],
    ['application/text', false],
  ])('isTextMediaType(%j) is %s', (value, expected) => {
    expect(isTextMediaType(value)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['text/plain', true],
    ['text/plain; charset=UTF-8', true],
    ['text/plain; charset="utf-8"', true],
    ['text/plain;charset=us-ascii', true],
    ['text/plain; charset=iso-8859-1', false],
    ['text/plain; charset=utf-16', false],
  ])('hasUtf8Charset(%j) is %s', (value, expected) => {
    expect(hasUtf8Charset(value)).toBe(expected);
  });
});
