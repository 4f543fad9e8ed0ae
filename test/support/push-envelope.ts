// Push bodies as a Pub/Sub push subscription POSTs them (the wrapped format,
// with both the camelCase and snake_case names production sends), carrying a
// binary-mode CloudEvent unless told otherwise.

export const CLOUDEVENT_ATTRIBUTES: Readonly<Record<string, string>> = {
  'ce-specversion': '1.0',
  'ce-id': 'evt-1',
  'ce-source': '//devices.example/fleet',
  'ce-type': 'com.example.device.seen',
  'content-type': 'application/json',
};

export interface PushEnvelopeOptions {
  readonly subscription: string;
  readonly attributes?: Readonly<Record<string, string>>;
  /** The message data; base64-encoded into the envelope. */
  readonly data?: string | Buffer;
  readonly messageId?: string;
  readonly publishTime?: string;
  readonly orderingKey?: string;
  /** Pub/Sub sends it when the subscription has a dead-letter policy. */
  readonly deliveryAttempt?: number;
}

export function pushEnvelope(options: PushEnvelopeOptions): Record<string, unknown> {
  const messageId = options.messageId ?? 'm-1';
  const publishTime = options.publishTime ?? '2030-01-01T11:59:59Z';
  const data = options.data ?? '{"device":42}';
  return {
    subscription: options.subscription,
    message: {
      data: Buffer.from(data).toString('base64'),
      attributes: options.attributes ?? CLOUDEVENT_ATTRIBUTES,
      messageId,
      message_id: messageId,
      publishTime,
      publish_time: publishTime,
      ...(options.orderingKey ? { orderingKey: options.orderingKey } : {}),
    },
    ...(options.deliveryAttempt !== undefined ? { deliveryAttempt: options.deliveryAttempt } : {}),
  };
}
