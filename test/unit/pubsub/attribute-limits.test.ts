import { MAX_ATTRIBUTE_VALUE_BYTES, truncateUtf8 } from '../../../functions/src/pubsub/attribute-limits';

describe('truncateUtf8', () => {
  it.each<[string, string]>([
    ['ASCII', 'x'.repeat(5_000)],
    ['two-byte characters', 'é'.repeat(1_000)],
    ['three-byte characters', '✓'.repeat(1_000)],
    ['four-byte characters (surrogate pairs)', '😀'.repeat(1_000)],
    ['a mix that crosses the limit inside a character', `${'x'.repeat(1_023)}✓✓`],
  ])('cuts %s to at most 1,024 bytes, on a character boundary', (_what, text) => {
    const cut = truncateUtf8(text, MAX_ATTRIBUTE_VALUE_BYTES);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(MAX_ATTRIBUTE_VALUE_BYTES);
    expect(Buffer.byteLength(cut)).toBeGreaterThan(MAX_ATTRIBUTE_VALUE_BYTES - 4);
    expect(text.startsWith(cut)).toBe(true);
    expect(cut).not.toMatch(/\uFFFD/);
  });

  it('leaves text that fits as it is', () => {
    expect(truncateUtf8('gave up after 5 attempts', 1024)).toBe('gave up after 5 attempts');
  });
});
