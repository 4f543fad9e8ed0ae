import {
  percentDecodeHeaderValue,
  percentEncodeHeaderValue,
} from '../../../functions/src/cloudevents/percent-encode';

describe('percentEncodeHeaderValue', () => {
  it.each([
    ['the binding example', 'Euro € 😀', 'Euro%20%E2%82%AC%20%F0%9F%98%80'],
    ['a space', 'a b', 'a%20b'],
    ['a double quote', 'say "hi"', 'say%20%22hi%22'],
    ['a percent sign', '100%', '100%25'],
    ['an already-encoded-looking value', '%20', '%2520'],
    ['a tab and a newline', 'a\tb\nc', 'a%09b%0Ac'],
    ['DEL', '\u007f', '%7F'],
    ['a two-byte character', 'é', '%C3%A9'],
    ['a C1 control character', '\u0085', '%C2%85'],
    ['a lone surrogate, sent as U+FFFD', 'a\ud800b', 'a%EF%BF%BDb'],
  ])('encodes %s', (_label, value, encoded) => {
    expect(percentEncodeHeaderValue(value)).toBe(encoded);
  });

  it('leaves every other printable ASCII character alone', () => {
    const printable = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i))
      .filter((c) => c !== '"' && c !== '%')
      .join('');
    expect(percentEncodeHeaderValue(printable)).toBe(printable);
  });

  it('returns the same string when nothing needs encoding', () => {
    const value = 'https://example.com/orders?id=42&x=y#frag';
    expect(percentEncodeHeaderValue(value)).toBe(value);
  });

  it('round-trips any text through percentDecodeHeaderValue', () => {
    const value = 'Grüße, "quoted" 100% 日本語 😀 ~!@#$^&*()';
    expect(percentDecodeHeaderValue(percentEncodeHeaderValue(value))).toBe(value);
  });
});

describe('percentDecodeHeaderValue', () => {
  it('accepts lower-case hex and unnecessary encoding', () => {
    expect(percentDecodeHeaderValue('%e2%82%ac%41')).toBe('€A');
  });

  it.each([
    ['an overlong encoding', '%C0%A0'],
    ['an encoded surrogate', '%ED%A0%80'],
    ['a truncated sequence', '%E2%82'],
    ['a malformed escape', '%zz'],
  ])('rejects %s', (_label, value) => {
    expect(percentDecodeHeaderValue(value)).toBeUndefined();
  });
});
