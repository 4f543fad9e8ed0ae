// Push bodies as a Pub/Sub push subscription POSTs them: a binary-mode
// CloudEvent in the wrapped envelope, one distinct event per body.

export interface BenchEvent {
  readonly id: string;
  readonly attributes: Record<string, string>;
  readonly data: Buffer;
}

/** A typical platform event: the four required attributes, subject, time, an extension, JSON data. */
export function benchEvent(id: string): BenchEvent {
  return {
    id,
    attributes: {
      'ce-specversion': '1.0',
      'ce-id': id,
      'ce-source': '/devices/7f3c',
      'ce-type': 'DEVICE_FIRST_SEEN',
      'ce-subject': 'devices/7f3c',
      'ce-time': '2026-11-22T10:00:00.123Z',
      'ce-partitionkey': 'device-7f3c',
      'content-type': 'application/json',
    },
    data: Buffer.from(JSON.stringify({ deviceUuid: '7f3c', firmware: '2.4.1', site: 'lab-3', seen: true })),
  };
}

export function pushBody(subscription: string, event: BenchEvent, messageId: string): Buffer {
  const publishTime = new Date().toISOString();
  const message = {
    attributes: event.attributes,
    data: event.data.toString('base64'),
    messageId,
    message_id: messageId,
    publishTime,
    publish_time: publishTime,
  };
  return Buffer.from(JSON.stringify({ message, subscription }));
}
