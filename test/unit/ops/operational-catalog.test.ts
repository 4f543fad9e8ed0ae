// eventq's operational event types are in every catalog, under the category
// `operational`, with a data schema that the events eventq publishes follow.

import { DEVICE_EVENT_TYPES } from '../../../functions/src/catalog/device-event-types';
import { checkEventTypes, EventCatalog } from '../../../functions/src/catalog/event-catalog';
import { OPERATIONAL_CATEGORY } from '../../../functions/src/catalog/operational-event-types';
import { ConfigError, InvalidCloudEventError } from '../../../functions/src/errors';
import { OPS_EVENT_TYPES } from '../../../functions/src/ops/ops-event-types';

const at = '2026-12-02T04:00:00.000Z';

/** Data as the api and dispatch publish it, one per type. */
const samples: Record<(typeof OPS_EVENT_TYPES)[number], Record<string, unknown>> = {
  'io.eventq.queue.created': {
    queue: 'orders',
    kind: 'push',
    sink: 'https://hooks.example.com/x',
    stream: 'events',
  },
  'io.eventq.queue.updated': { queue: 'orders', changed: ['sink', 'filters'] },
  'io.eventq.queue.deleted': { queue: 'orders' },
  'io.eventq.queue.paused': { queue: 'orders' },
  'io.eventq.queue.resumed': { queue: 'orders' },
  'io.eventq.queue.disabled': { queue: 'orders', reason: 'the sink answered 410 Gone', status: 410 },
  'io.eventq.queue.secret.rotated': { queue: 'orders', graceSeconds: 3600 },
  'io.eventq.delivery.failing': {
    queue: 'orders',
    since: at,
    consecutiveFailures: 5,
    windowPercent: 50,
    lastError: 'HTTP 503',
  },
  'io.eventq.delivery.recovered': { queue: 'orders', since: at, recoveredAt: at },
  'io.eventq.delivery.exhausted': {
    queue: 'orders',
    count: 200,
    firstEventId: 'a',
    lastEventId: 'b',
    windowStart: at,
    windowEnd: at,
  },
  'io.eventq.replay.started': { queue: 'orders', since: at },
  'io.eventq.redrive.completed': { queue: 'orders', moved: 3 },
  'io.eventq.token.created': { tokenId: 't1', label: 'ci' },
  'io.eventq.token.revoked': { tokenId: 't1', label: 'ci' },
};

describe('the operational event types in the catalog', () => {
  const catalog = new EventCatalog(DEVICE_EVENT_TYPES);

  it('lists every ops type once, under the category operational, after the platform types', () => {
    const operational = catalog.types.filter((t) => t.category === OPERATIONAL_CATEGORY).map((t) => t.type);
    expect(operational.sort()).toEqual([...OPS_EVENT_TYPES].sort());
    expect(catalog.types.slice(0, DEVICE_EVENT_TYPES.length)).toEqual(DEVICE_EVENT_TYPES);
  });

  it('keeps them in an operator catalog too', () => {
    const own = new EventCatalog([{ type: 'com.example.x', description: 'x', schema: {} }]);
    expect(own.types.map((t) => t.type)).toEqual(['com.example.x', ...OPS_EVENT_TYPES]);
  });

  it.each(OPS_EVENT_TYPES)('accepts the data eventq publishes for %s', (type) => {
    expect(() => catalog.validateData(type, samples[type])).not.toThrow();
  });

  it('refuses data that misses a required field', () => {
    expect(() => catalog.validateData('io.eventq.delivery.exhausted', { queue: 'orders' })).toThrow(
      InvalidCloudEventError,
    );
    expect(() => catalog.validateData('io.eventq.queue.disabled', { queue: 'orders' })).toThrow(/reason/);
  });

  it('has no field that could carry a secret, a token or a signature', () => {
    for (const t of catalog.types.filter((x) => x.category === OPERATIONAL_CATEGORY)) {
      const fields = Object.keys((t.schema as { properties: object }).properties);
      expect({ type: t.type, fields: fields.filter((f) => /secret$|^token$|signature/i.test(f)) }).toEqual({
        type: t.type,
        fields: [],
      });
    }
  });

  it('refuses an operator catalog that redefines one', () => {
    expect(() =>
      checkEventTypes(
        [{ type: 'io.eventq.queue.disabled', description: 'x', schema: {} }],
        'EVENTQ_EVENT_TYPES',
      ),
    ).toThrow(ConfigError);
  });
});
