// The vendored Subscriptions API document, and why the conformance test
// patches it: as published, a strict validator refuses every subscription
// that has filters (cloudevents/spec#1038); patched, it takes every dialect.
// Also: eventq's own schema of /openapi.json takes what the document takes.
import { buildOpenApiDocument } from '../../../functions/src/api/openapi';
import { validationSchema } from '../../../functions/src/api/schemas/api-schemas';
import { validateBody } from '../../../functions/src/api/validate-body';
import { documentValidators, patchKnownDefect, readDocument } from './subscriptions-document';

const sink = 'https://hooks.example.com/in';
const filters = [
  { exact: { type: 'com.example.created' } },
  { prefix: { subject: '/devices/' } },
  { suffix: { source: '/eu' } },
  { not: { exact: { subject: '/devices/0' } } },
  { any: [{ exact: { type: 'a' } }, { exact: { type: 'b' } }] },
  { all: [{ prefix: { type: 'com.' } }, { sql: "subject LIKE '/devices/%'" }] },
  { sql: "type LIKE 'com.example.%' AND subject = '/devices/42'" },
];

test('as published, the document refuses a subscription with any filter, and only that', () => {
  const asPublished = documentValidators(readDocument()).schema('SubscriptionRequest');
  expect(asPublished({ protocol: 'HTTP', sink })).toBe(true);
  for (const filter of filters) {
    expect({ filter, valid: asPublished({ protocol: 'HTTP', sink, filters: [filter] }) }).toEqual({
      filter,
      valid: false,
    });
    expect(asPublished.errors?.some((e) => e.keyword === 'oneOf')).toBe(true);
  }
});

test('the patch turns exactly the four filter-entry lists and protocolsettings into anyOf', () => {
  const doc = readDocument();
  expect(patchKnownDefect(doc)).toEqual({ filterLists: 4, protocolSettings: 1 });
  expect(JSON.stringify(doc.components.schemas)).not.toMatch(
    /"oneOf":\[\{"\$ref":"#\/components\/schemas\/Filter"/,
  );
  const patched = documentValidators(doc).schema('SubscriptionRequest');
  for (const filter of filters) expect(patched({ protocol: 'HTTP', sink, filters: [filter] })).toBe(true);
  expect(patched({ protocol: 'HTTP', sink, protocolsettings: {} })).toBe(true);
  // Beyond the patch, and not patched: ProtocolSettings' additionalProperties: false, which
  // every protocol's settings include through allOf, refuses any setting at all.
  expect(patched({ protocol: 'HTTP', sink, protocolsettings: { method: 'POST' } })).toBe(false);
});

test("eventq's SubscriptionRequest schema takes every request the patched document takes", () => {
  const doc = readDocument();
  patchKnownDefect(doc);
  const documented = documentValidators(doc).schema('SubscriptionRequest');
  const requests = [
    { protocol: 'HTTP', sink },
    { protocol: 'HTTP', sink, source: '/devices', types: ['a'], filters, config: { contentMode: 'binary' } },
    { protocol: 'KAFKA', sink, protocolsettings: {} },
  ];
  for (const request of requests) {
    expect(documented(request)).toBe(true);
    expect(() => validateBody(validationSchema('SubscriptionRequest'), request)).not.toThrow();
  }
});

test('/openapi.json documents the Subscriptions API routes and their schemas', () => {
  const openapi = buildOpenApiDocument('https://api.example.com') as {
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, unknown> };
  };
  expect(Object.keys(openapi.paths['/subscriptions']!).sort()).toEqual(['get', 'options', 'post']);
  expect(Object.keys(openapi.paths['/subscriptions/{id}']!).sort()).toEqual([
    'delete',
    'get',
    'options',
    'put',
  ]);
  const post = openapi.paths['/subscriptions']!.post as {
    responses: Record<string, { description: string }>;
  };
  expect(post.responses['422']).toBeUndefined();
  expect(post.responses['400']!.description).toMatch(/breaks a rule/);
  expect(
    (openapi.paths['/v1/queues']!.post as { responses: Record<string, unknown> }).responses['422'],
  ).toBeDefined();
  for (const name of ['Subscription', 'SubscriptionRequest', 'SubscriptionList']) {
    expect(openapi.components.schemas[name]).toBeDefined();
  }
});
