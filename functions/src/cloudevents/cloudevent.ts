// The in-memory shape of a CloudEvent 1.0 inside eventq, independent of the
// protocol binding it arrived in or leaves by.

/** CloudEvents type system values as they can appear in JSON: String, Boolean, Integer. */
export type CloudEventAttributeValue = string | number | boolean;

export interface CloudEvent {
  /**
   * Every context attribute by its name (specversion, id, source, type, and the
   * optional datacontenttype, dataschema, subject, time, plus extensions).
   * Binary-mode Pub/Sub attributes are always strings; structured mode keeps
   * JSON booleans and integers so that they round-trip.
   */
  readonly attributes: Readonly<Record<string, CloudEventAttributeValue>>;
  /** The event data as bytes, exactly as published; absent when the event has no data. */
  readonly data?: Buffer;
}

/** A Pub/Sub message as it appears in a push envelope (`message`) or a pull response. */
export interface PubsubMessageLike {
  /** base64 data, as in the push envelope; or raw bytes, as the Node client gives them. */
  readonly data?: string | Buffer | Uint8Array | null;
  readonly attributes?: Readonly<Record<string, string>> | null;
}

export const REQUIRED_ATTRIBUTES = ['id', 'source', 'specversion', 'type'] as const;
