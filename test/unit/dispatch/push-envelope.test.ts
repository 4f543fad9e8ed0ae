import { parsePushEnvelope } from '../../../functions/src/dispatch/push-envelope';
import { MalformedRequestError } from '../../../functions/src/errors';

const SUBSCRIPTION = 'projects/p/subscriptions/eventq-acme.orders';

describe('parsePushEnvelope', () => {
  it('reads the wrapped push format', () => {
    expect(
      parsePushEnvelope({
        subscription: SUBSCRIPTION,
        message: {
          data: 'e30=',
          attributes: { 'ce-id': '1' },
          messageId: 'm-1',
          publishTime: '2030-01-01T00:00:00Z',
          orderingKey: 'device-1',
        },
        deliveryAttempt: 3,
      }),
    ).toEqual({
      subscription: SUBSCRIPTION,
      message: {
        data: 'e30=',
        attributes: { 'ce-id': '1' },
        messageId: 'm-1',
        publishTime: '2030-01-01T00:00:00Z',
        orderingKey: 'device-1',
      },
      deliveryAttempt: 3,
    });
  });

  it('reads the snake_case names that Pub/Sub also sends', () => {
    const { message } = parsePushEnvelope({
      subscription: SUBSCRIPTION,
      message: { message_id: 'm-2', publish_time: '2030-01-01T00:00:00Z' },
    });
    expect(message).toMatchObject({ messageId: 'm-2', publishTime: '2030-01-01T00:00:00Z' });
  });

  it('gives a message without attributes an empty set and no data', () => {
    const envelope = parsePushEnvelope({ subscription: SUBSCRIPTION, message: { messageId: 'm' } });
    expect(envelope.message.attributes).toEqual({});
    expect(envelope.message.data).toBeUndefined();
    expect(envelope.deliveryAttempt).toBeUndefined();
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /not a push envelope/],
    ['a string', 'hello', /not a push envelope/],
    ['no subscription', { message: { messageId: 'm' } }, /"subscription"/],
    [
      'a subscription that is not a string',
      { subscription: 1, message: { messageId: 'm' } },
      /"subscription"/,
    ],
    ['no message', { subscription: SUBSCRIPTION }, /"message"/],
    ['a null message', { subscription: SUBSCRIPTION, message: null }, /"message"/],
    ['no messageId', { subscription: SUBSCRIPTION, message: { data: 'e30=' } }, /"messageId"/],
    [
      'data that is not a string',
      { subscription: SUBSCRIPTION, message: { messageId: 'm', data: 5 } },
      /data/,
    ],
    [
      'attributes that are not an object',
      { subscription: SUBSCRIPTION, message: { messageId: 'm', attributes: 'ce-id=1' } },
      /attributes/,
    ],
    [
      'attributes that are an array',
      { subscription: SUBSCRIPTION, message: { messageId: 'm', attributes: ['ce-id'] } },
      /attributes/,
    ],
    [
      'an attribute value that is not a string',
      { subscription: SUBSCRIPTION, message: { messageId: 'm', attributes: { 'content-type': 5 } } },
      /attributes/,
    ],
  ])('refuses %s as malformed', (_, body, detail) => {
    let caught: unknown;
    try {
      parsePushEnvelope(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MalformedRequestError);
    expect((caught as MalformedRequestError).detail).toMatch(detail);
    expect((caught as MalformedRequestError).status).toBe(400);
  });
});
