// The JSON body that a Pub/Sub push subscription POSTs (the wrapped format).
import { MalformedRequestError } from '../errors';

export interface PushMessage {
  readonly data?: string;
  readonly attributes?: Record<string, string>;
  readonly messageId: string;
  readonly publishTime?: string;
  readonly orderingKey?: string;
}

export interface PushEnvelope {
  readonly subscription: string;
  readonly message: PushMessage;
  readonly deliveryAttempt?: number;
}

export function parsePushEnvelope(body: unknown): PushEnvelope {
  if (typeof body !== 'object' || body === null)
    throw new MalformedRequestError('body is not a push envelope');
  const { subscription, message, deliveryAttempt } = body as Record<string, unknown>;
  if (typeof subscription !== 'string') throw new MalformedRequestError('envelope has no "subscription"');
  if (typeof message !== 'object' || message === null)
    throw new MalformedRequestError('envelope has no "message"');
  const m = message as Record<string, unknown>;
  // The emulator sends both camelCase and snake_case names; production sends both too.
  const messageId = m.messageId ?? m.message_id;
  if (typeof messageId !== 'string') throw new MalformedRequestError('message has no "messageId"');
  if (m.data !== undefined && typeof m.data !== 'string')
    throw new MalformedRequestError('message data is not base64');
  // Pub/Sub attributes are string to string; anything else would reach the CloudEvents decoder.
  if (
    m.attributes !== undefined &&
    (typeof m.attributes !== 'object' ||
      m.attributes === null ||
      Array.isArray(m.attributes) ||
      Object.values(m.attributes).some((v) => typeof v !== 'string'))
  ) {
    throw new MalformedRequestError('message attributes are not an object of strings');
  }
  const publishTime = m.publishTime ?? m.publish_time;
  return {
    subscription,
    message: {
      messageId,
      data: m.data as string | undefined,
      attributes: (m.attributes as Record<string, string> | undefined) ?? {},
      publishTime: typeof publishTime === 'string' ? publishTime : undefined,
      orderingKey: typeof m.orderingKey === 'string' ? m.orderingKey : undefined,
    },
    deliveryAttempt: typeof deliveryAttempt === 'number' ? deliveryAttempt : undefined,
  };
}
