// Every route that can change something is audited by its own declaration
// (api/route-audits.ts), so that a route added later cannot slip past the
// audit trail unnoticed; and no route changes or deletes an audit entry.

import { auditOf, ROUTE_AUDITS } from '../../../functions/src/api/route-audits';
import { routes } from '../../../functions/src/api/route-table';
import { defaultAuditSpec, isMutatingMethod, READ_ONLY } from '../../../functions/src/audit/audit-spec';
import { EventCatalog } from '../../../functions/src/catalog/event-catalog';

const catalog = new EventCatalog([]);

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const mutating = routes.filter((route) => isMutatingMethod(route.method));

test.each(mutating.map((route) => [key(route)]))('%s declares how it is audited', (name) => {
  expect(ROUTE_AUDITS[name]).toBeDefined();
});

test('declares nothing for a route that does not exist', () => {
  const known = new Set(mutating.map(key));
  expect(Object.keys(ROUTE_AUDITS).filter((name) => !known.has(name))).toEqual([]);
});

test('a mutating route without a declaration is audited all the same, by method and path', () => {
  const spec = auditOf('POST', '/v1/not-declared/{id}');
  expect(spec).not.toBe(READ_ONLY);
  expect(spec).toEqual(expect.objectContaining({ type: 'api.post /v1/not-declared/{id}' }));
  const { resource } = defaultAuditSpec('POST', '/v1/not-declared/{id}');
  expect(
    resource({ method: 'POST', route: '/v1/not-declared/{id}', params: { id: 'x1' }, body: undefined }),
  ).toBe('x1');
});

test('the only route of the audit trail reads it: none changes or deletes an entry', () => {
  const auditRoutes = routes.filter((route) => route.path.startsWith('/v1/audit'));
  expect(auditRoutes.map(key)).toEqual(['GET /v1/audit']);
});

// What each action's operational event carries must be what the catalog
// promises consumers: its data validates against its type's schema.
const samples: Record<string, { params: Record<string, string>; body: unknown; answer: unknown }> = {
  'POST /v1/queues': {
    params: {},
    body: { name: 'orders', kind: 'push', sink: 'https://x.test/h' },
    answer: { name: 'orders', kind: 'push', stream: 'events' },
  },
  'PATCH /v1/queues/{name}': { params: { name: 'orders' }, body: { types: ['A'] }, answer: {} },
  'DELETE /v1/queues/{name}': { params: { name: 'orders' }, body: undefined, answer: undefined },
  'POST /v1/queues/{name}:rotate-secret': {
    params: { name: 'orders' },
    body: undefined,
    answer: { secret: 'whsec_x', droppedSecrets: 0 },
  },
  'POST /v1/queues/{name}:replay': {
    params: { name: 'orders' },
    body: { since: '2030-01-01T00:00:00Z' },
    answer: { queue: 'orders', since: '2030-01-01T00:00:00.000Z' },
  },
  'POST /v1/queues/{name}:redrive': {
    params: { name: 'orders' },
    body: undefined,
    answer: { redriven: 3, more: false },
  },
  'POST /subscriptions': { params: {}, body: { protocol: 'HTTP' }, answer: { id: 'orders' } },
  'PUT /subscriptions/{id}': { params: { id: 'orders' }, body: { protocol: 'HTTP' }, answer: {} },
  'DELETE /subscriptions/{id}': { params: { id: 'orders' }, body: undefined, answer: undefined },
};

const withEvents = Object.entries(ROUTE_AUDITS).filter(([, audit]) => audit !== READ_ONLY && audit.ops);

test('every action that publishes an operational event has a sample here', () => {
  expect(withEvents.map(([name]) => name).sort()).toEqual(Object.keys(samples).sort());
});

test.each(withEvents.map(([name]) => [name]))('%s publishes data its catalog schema admits', (name) => {
  const audit = ROUTE_AUDITS[name]!;
  if (audit === READ_ONLY || !audit.ops) throw new Error('no event');
  const [method, route] = name.split(' ') as [string, string];
  const sample = samples[name]!;
  const event = audit.ops(
    { method, route, params: sample.params, body: sample.body },
    { status: 200, body: sample.answer },
  );
  expect(event).toBeDefined();
  expect(() => catalog.validateData(event!.type, event!.data)).not.toThrow();
  expect(JSON.stringify(event)).not.toContain('whsec_');
});

test('a pause and a resume publish their own types with admitted data', () => {
  for (const status of ['paused', 'active']) {
    const audit = ROUTE_AUDITS['PATCH /v1/queues/{name}']!;
    if (audit === READ_ONLY || !audit.ops) throw new Error('no event');
    const event = audit.ops(
      { method: 'PATCH', route: '/v1/queues/{name}', params: { name: 'orders' }, body: { status } },
      { status: 200 },
    )!;
    expect(event.type).toBe(status === 'paused' ? 'io.eventq.queue.paused' : 'io.eventq.queue.resumed');
    expect(() => catalog.validateData(event.type, event.data)).not.toThrow();
  }
});
