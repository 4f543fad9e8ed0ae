// Pub/Sub's limits on message attributes (cloud.google.com/pubsub/quotas,
// "Resource limits"): what eventq writes as an attribute must fit them, or the
// publish fails and the message it was meant to keep is retried instead.

/** An attribute value: 1,024 bytes of UTF-8. */
export const MAX_ATTRIBUTE_VALUE_BYTES = 1024;
/** An attribute key: 256 bytes. */
export const MAX_ATTRIBUTE_KEY_BYTES = 256;
/** Attributes per message. */
export const MAX_ATTRIBUTES = 100;

/** `text` cut to at most `maxBytes` of UTF-8, on a character boundary. */
export function truncateUtf8(text: string, maxBytes: number): string {
  // Each UTF-16 code unit is at most 3 bytes of UTF-8: short strings need no encoding.
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return text;
  const bytes = Buffer.from(text);
  let end = maxBytes;
  // Back off continuation bytes (10xxxxxx) to the start of the character that does not fit.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
