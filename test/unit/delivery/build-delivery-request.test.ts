import { Webhook } from 'standardwebhooks';
import type { CloudEvent } from '../../../functions/src/cloudevents/cloudevent';
import {
  buildDeliveryRequest,
  type DeliveryRequestInput,
} from '../../../functions/src/delivery/build-delivery-request';
import { generateWebhookSecret } from '../../../functions/src/delivery/webhook-signature';
import type { QueueDefinition } from '../../../functions/src/queues/queue-definition';

const NOW_MS = Date.UTC(2030, 0, 1, 12, 0, 0, 750);
const current = generateWebhookSecret();
const rotatedOut = generateWebhookSecret();
const expired = generateWebhookSecret();

const queue: QueueDefinition = {
  tenant: 'acme',
  name: 'orders',
  kind: 'push',
  sink: 'https://hooks.acme.example/eventq',
  filters: [],
  contentMode: 'binary',
  status: 'active',
  secrets: [
    { value: current },
    { value: rotatedOut, expiresAt: NOW_MS + 60_000 },
    { value: expired, expiresAt: NOW_MS },
  ],
  subscription: 'projects/p/subscriptions/eventq-acme.orders',
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
};

const event: CloudEvent = {
  attributes: {
    specversion: '1.0',
    id: 'evt-1',
    source: '//devices.example/fleet',
    type: 'com.example.device.seen',
    subject: 'device 42',
    datacontenttype: 'application/json',
  },
  data: Buffer.from('{"device":"été"}', 'utf8'),
};

function input(overrides: Partial<DeliveryRequestInput> = {}): DeliveryRequestInput {
  return {
    queue,
    event,
    webhookId: 'msg_abc',
    bearerToken: 'delivery.jwt.token',
    origin: 'api.eventq.test',
    nowMs: NOW_MS,
    ...overrides,
  };
}

describe('buildDeliveryRequest', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW_MS }));
  afterEach(() => jest.useRealTimers());

  it('POSTs to the sink of the queue', () => {
    const request = buildDeliveryRequest(input());
    expect(request.url).toBe(queue.sink);
    expect(request.method).toBe('POST');
  });

  it('puts the Standard Webhooks, origin and bearer headers on the request', () => {
    const { headers } = buildDeliveryRequest(input());
    expect(headers).toMatchObject({
      'webhook-id': 'msg_abc',
      'webhook-timestamp': String(Math.floor(NOW_MS / 1000)),
      'webhook-request-origin': 'api.eventq.test',
      authorization: 'Bearer delivery.jwt.token',
    });
    expect(headers['webhook-signature']).toBeDefined();
  });

  it('signs once with every secret still live and drops expired ones', () => {
    const request = buildDeliveryRequest(input());
    const body = request.body!.toString('utf8');
    expect(request.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [current, rotatedOut]) {
      expect(() => new Webhook(secret).verify(body, request.headers, { jsonParse: false })).not.toThrow();
    }
    expect(() => new Webhook(expired).verify(body, request.headers, { jsonParse: false })).toThrow(
      /No matching signature/,
    );
  });

  it('signs with a rotated-out secret until its grace period ends', () => {
    const later = buildDeliveryRequest(input({ nowMs: NOW_MS + 60_000 }));
    expect(later.headers['webhook-signature']!.split(' ')).toHaveLength(1);
  });

  it('sends the event in binary mode by default: ce- headers, content-type, data as the body', () => {
    const { headers, body } = buildDeliveryRequest(input());
    expect(headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-id': 'evt-1',
      'ce-source': '//devices.example/fleet',
      'ce-type': 'com.example.device.seen',
      'ce-subject': 'device%2042',
      'content-type': 'application/json',
    });
    expect(headers).not.toHaveProperty('ce-datacontenttype');
    expect(body).toEqual(event.data);
  });

  it('sends the event in structured mode when the queue says so', () => {
    const { headers, body } = buildDeliveryRequest(input({ queue: { ...queue, contentMode: 'structured' } }));
    expect(headers['content-type']).toMatch(/^application\/cloudevents\+json(;|$)/);
    expect(Object.keys(headers).filter((h) => h.startsWith('ce-'))).toEqual([]);
    expect(JSON.parse(body!.toString('utf8'))).toMatchObject({
      specversion: '1.0',
      id: 'evt-1',
      type: 'com.example.device.seen',
      data: { device: 'été' },
    });
    expect(() =>
      new Webhook(current).verify(body!.toString('utf8'), headers, { jsonParse: false }),
    ).not.toThrow();
  });

  it('does not let an event extension overwrite a delivery header', () => {
    const sneaky: CloudEvent = { attributes: { ...event.attributes, authorization: 'x' } };
    const { headers } = buildDeliveryRequest(input({ event: sneaky }));
    expect(headers.authorization).toBe('Bearer delivery.jwt.token');
    expect(headers['ce-authorization']).toBe('x');
  });
});
