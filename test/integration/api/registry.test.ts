// GET /registry and below against the running api, as a discovery client uses
// it: from the root, follow every url the answers give to every message,
// schema version and endpoint, and check each answer against the xRegistry
// specification's own JSON Schemas (test/vendor/xregistry/).
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { callApi, closePubsub, stack } from '../support/stack';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, which the spec's schemas check
type Entity = Record<string, any>;

afterAll(async () => {
  await closePubsub();
});

const vendored = (file: string) => require(`../../vendor/xregistry/${file}`);
const MESSAGE = vendored('message-document-schema.json');
const SCHEMA = vendored('schema-document-schema.json');
const ENDPOINT = vendored('endpoint-document-schema.json');

// The document schemas declare draft-07.
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
// core/model.schema.json names draft-07 by its https URI, which Ajv knows by the http one.
ajv.addMetaSchema({
  ...require('ajv/dist/refs/json-schema-draft-07.json'),
  $id: 'https://json-schema.org/draft-07/schema#',
});
ajv.addSchema([MESSAGE, SCHEMA, ENDPOINT, vendored('core-model.schema.json')]);
// The spec's attribute type "xid": a relative URI of an entity, starting with "/" (core/spec.md, xid).
ajv.addFormat('xid', /^\//);
// A schema version's schemabase64 (RFC 4648 base64), which ajv-formats does not define.
ajv.addFormat('base64', /^[A-Za-z0-9+/]*={0,2}$/);
// The document schemas type XID references (dataschemaxid, an endpoint's messagegroups) as format "uri",
// while message/spec.md and endpoint/spec.md define them as XIDs ("Relative references (beginning with /)
// are XIDs"): accept an absolute URI or an XID there.
const absoluteUri = /^[a-z][a-z0-9+.-]*:[^\s]*$/i;
ajv.addFormat('uri', (value: string) => absoluteUri.test(value) || /^\/[^\s]*$/.test(value));

function validator(schema: { $id: string }, definition: string) {
  return ajv.getSchema(`${schema.$id}#/definitions/${definition}`)!;
}

/** Which of the spec's schemas an entity follows, by its xid. */
function schemaFor(xid: string) {
  const kinds: [RegExp, ReturnType<typeof validator>][] = [
    [/^\/messagegroups\/[^/]+$/, validator(MESSAGE, 'messagegroup-schema/messagegroup')],
    [
      /^\/messagegroups\/[^/]+\/messages\/[^/]+(\/versions\/[^/]+)?$/,
      validator(MESSAGE, 'messagegroup-schema/message'),
    ],
    [/^\/schemagroups\/[^/]+$/, validator(SCHEMA, 'schemagroup-schema/schemagroup')],
    [/^\/schemagroups\/[^/]+\/schemas\/[^/]+$/, validator(SCHEMA, 'schemagroup-schema/schema')],
    [
      /^\/schemagroups\/[^/]+\/schemas\/[^/]+\/versions\/[^/]+$/,
      validator(SCHEMA, 'schemagroup-schema/schemaVersion'),
    ],
    [/^\/endpoints\/[^/]+$/, validator(ENDPOINT, 'endpoint-schema/endpoint')],
  ];
  return kinds.find(([pattern]) => pattern.test(xid))?.[1];
}

const apiPath = (url: string) => {
  expect(url.startsWith(`${stack().apiUrl}/registry`)).toBe(true);
  return url.slice(stack().apiUrl.length);
};

function expectValid(xid: string, entity: unknown) {
  const validate = schemaFor(xid);
  if (!validate) return false;
  const valid = validate(entity);
  expect({ xid, errors: validate.errors ?? [] }).toEqual({ xid, errors: [] });
  expect(valid).toBe(true);
  return true;
}

/**
 * A schema (the model gives it a document) answers with the document at its URL, and with its metadata at
 * that URL with `$details` after the id (http.md). The spec's schema for a schema version requires the
 * document in it (`schema`, `schemabase64` or `schemaurl`), so the walk asks for it inline there.
 */
function metadataUrl(url: string): string {
  const path = /\/schemas\/[^/]+(\/versions\/[^/]+)?$/.test(url) ? `${url}$details` : url;
  return /\/schemas(\/[^/]+(\/versions(\/[^/]+)?)?)?(\$details)?$/.test(path)
    ? `${path}?inline=schema`
    : path;
}

/** Every entity reached from the root by following urls and selfs: xid → its metadata. */
async function walk(tenant: string): Promise<Map<string, Entity>> {
  const entities = new Map<string, Entity>();
  const seen = new Set<string>();
  const queue = [`${stack().apiUrl}/registry`];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const answer = await callApi('GET', apiPath(url), { tenant });
    expect({ url, status: answer.status }).toEqual({ url, status: 200 });
    const body = answer.body as Entity;
    // An entity has an xid; a collection maps ids to entities.
    const found = typeof body.xid === 'string' ? [body] : Object.values(body);
    for (const entity of found) {
      expect({ url, xid: typeof entity.xid }).toEqual({ url, xid: 'string' });
      entities.set(entity.xid, entity);
      for (const [key, value] of Object.entries(entity))
        if (key.endsWith('url') && typeof value === 'string' && !key.startsWith('dataschema'))
          queue.push(metadataUrl(value));
      if (entity !== body) queue.push(metadataUrl(entity.self));
    }
  }
  return entities;
}

let acme: Map<string, Entity>;
let eventTypes: { type: string; schema: Record<string, unknown>; category?: string }[];
/** The registry's group of a type: eventq's operational types have their own. */
const groupOf = (t: { category?: string }) => (t.category === 'operational' ? 'operational' : 'catalog');

beforeAll(async () => {
  [acme, eventTypes] = await Promise.all([
    walk('acme'),
    callApi('GET', '/v1/event-types').then((a) => a.body.eventTypes),
  ]);
});

test('walking the urls from /registry reaches every message, schema version and endpoint, each valid against the spec', () => {
  const xids = [...acme.keys()];
  expect(new Set(eventTypes.map(groupOf))).toEqual(new Set(['catalog', 'operational']));
  for (const t of eventTypes) {
    const [type, group] = [t.type, groupOf(t)];
    expect(xids).toContain(`/messagegroups/${group}/messages/${type}`);
    expect(xids).toContain(`/messagegroups/${group}/messages/${type}/versions/1`);
    expect(xids).toContain(`/schemagroups/${group}/schemas/${type}/versions/1`);
    expect(xids).toContain(`/schemagroups/${group}/schemas/${type}/meta`);
  }
  expect(xids).toEqual(
    expect.arrayContaining(['/endpoints/publish', '/endpoints/queues', '/endpoints/subscriptions']),
  );
  let checked = 0;
  for (const [xid, entity] of acme) {
    if (expectValid(xid, entity)) checked++;
    // What the core spec requires of every entity in the API view.
    expect(entity).toMatchObject({ epoch: 1, self: expect.stringMatching(/^http:\/\//) });
    if (xid !== '/') expect(entity.self).toBe(`${stack().apiUrl}/registry${xid}`);
    for (const attribute of ['createdat', 'modifiedat'])
      expect(new Date(entity[attribute]).toISOString()).toBe(entity[attribute]);
  }
  expect(checked).toBeGreaterThanOrEqual(4 * eventTypes.length + 5);
});

test("each message's dataschemauri answers with the JSON Schema /v1/event-types gives, and it compiles", async () => {
  for (const t of eventTypes) {
    const { type, schema } = t;
    const message = acme.get(`/messagegroups/${groupOf(t)}/messages/${type}`)!;
    expect(message.envelope).toBe('CloudEvents/1.0');
    expect(message.envelopemetadata.type.value).toBe(type);
    const document = await callApi('GET', apiPath(message.dataschemauri));
    expect(document.status).toBe(200);
    expect(document.body).toEqual(schema);
    expect(document.headers.get('xregistry-schemaid')).toBe(type);
    expect(document.headers.get('xregistry-self')).toBe(message.dataschemauri);
    expect(acme.get(message.dataschemaxid)?.self).toBe(message.dataschemauri);
    expect(() => addFormats(new Ajv2020({ strict: true })).compile(document.body)).not.toThrow();
  }
});

test('GET /registry?inline=* is one document that validates against all three document schemas', async () => {
  const all = await callApi('GET', '/registry?inline=*');
  expect(all.status).toBe(200);
  // The schema document schema has a Resource carry versionsurl or versions, one of them (oneOf), where
  // core/spec.md requires versionsurl always and versions when inlined: without versionsurl there.
  const schemaDocument = structuredClone(all.body);
  const everySchema = Object.values<Entity>(schemaDocument.schemagroups).flatMap((g) =>
    Object.values<Entity>(g.schemas),
  );
  for (const schema of everySchema) {
    expect(schema.versionsurl).toBe(`${schema.self}/versions`);
    delete schema.versionsurl;
  }
  for (const [schema, document] of [
    [MESSAGE, all.body],
    [SCHEMA, schemaDocument],
    [ENDPOINT, all.body],
  ]) {
    const validate = ajv.getSchema(schema.$id)!;
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  }
  for (const group of ['catalog', 'operational']) {
    expect(Object.keys(all.body.messagegroups[group].messages)).toEqual(
      eventTypes.filter((t) => groupOf(t) === group).map((t) => t.type),
    );
  }
  const model = await callApi('GET', '/registry/model');
  expect(model.status).toBe(200);
  // core/model.md defines the model aspects constraints, validateformat, validatecompatibility and
  // strictvalidation, which schema/model.json uses and core/model.schema.json (same commit) lacks.
  const checkedModel = structuredClone(model.body);
  delete checkedModel.groups.schemagroups.constraints;
  for (const aspect of ['validateformat', 'validatecompatibility', 'strictvalidation']) {
    expect(checkedModel.groups.schemagroups.resources.schemas[aspect]).toBeDefined();
    delete checkedModel.groups.schemagroups.resources.schemas[aspect];
  }
  const validateModel = ajv.getSchema(
    'https://xregistry.io/xregistryspecs/core-v1/schemas/model.schema.json',
  )!;
  expect(validateModel(checkedModel) ? [] : validateModel.errors).toEqual([]);
  const capabilities = await callApi('GET', '/registry/capabilities');
  expect(capabilities.body).toMatchObject({ flags: ['inline'], mutable: [], specversions: ['1.0-rc4'] });
});

test("globex's token sees globex's registry: its own topic, nothing of acme's", async () => {
  const globex = await callApi('GET', '/registry/endpoints/publish', { tenant: 'globex' });
  expect(globex.status).toBe(200);
  expect(globex.body.protocoloptions.topic).toMatch(/\/topics\/eventq-globex$/);
  expect(acme.get('/endpoints/publish')!.protocoloptions.topic).toMatch(/\/topics\/eventq-acme$/);
  const root = await callApi('GET', '/registry', { tenant: 'globex' });
  expect(root.body.registryid).toBe('eventq-globex');
  expect(
    JSON.stringify((await callApi('GET', '/registry?inline=*', { tenant: 'globex' })).body),
  ).not.toContain('acme');
});

test.each([
  [
    '/registry/messagegroups/catalog/messages/NO_SUCH_TYPE',
    'core/spec.md#not_found',
    '/messagegroups/catalog/messages/NO_SUCH_TYPE',
  ],
  [
    '/registry/schemagroups/catalog/schemas/DEVICE_FIRST_SEEN/versions/9',
    'core/spec.md#not_found',
    '/schemagroups/catalog/schemas/DEVICE_FIRST_SEEN/versions/9',
  ],
  ['/registry/widgets', 'core/http.md#api_not_found', '/widgets'],
  ['/registry/a/b/c/d/e/f/g', 'core/http.md#api_not_found', '/a/b/c/d/e/f/g'],
])('GET %s is 404 in the xRegistry error form', async (path, type, subject) => {
  const answer = await callApi('GET', path);
  expect(answer.status).toBe(404);
  expect(answer.body).toEqual({
    code: 'ERR_NOT_FOUND',
    detail: answer.body.title,
    type: `https://github.com/xregistry/spec/blob/main/${type}`,
    title: expect.stringContaining(subject),
    subject,
  });
});

test('the registry is read-only: POST, PUT, PATCH and DELETE are 405 action_not_supported with Allow: GET', async () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    const answer = await callApi(method, '/registry/messagegroups/catalog', { body: {} });
    expect({ method, status: answer.status, allow: answer.headers.get('allow') }).toEqual({
      method,
      status: 405,
      allow: 'GET',
    });
    expect(answer.body.type).toMatch(/core\/spec\.md#action_not_supported$/);
    expect(answer.body.args).toEqual({ action: method });
  }
});

test('a bad inline value is 400 bad_inline; a flag the server does not support is ignored, as http.md says', async () => {
  const bad = await callApi('GET', '/registry?inline=messagegroups.widgets');
  expect(bad.status).toBe(400);
  expect(bad.body.type).toMatch(/#bad_inline$/);
  const plain = await callApi('GET', '/registry/messagegroups/catalog');
  const filtered = await callApi('GET', '/registry/messagegroups/catalog?filter=name=x&sort=name');
  expect(filtered.status).toBe(200);
  expect(filtered.body).toEqual(plain.body);
  expect(plain.headers.get('etag')).toMatch(/^".+"$/);
  expect(filtered.headers.get('etag')).toBe(plain.headers.get('etag'));
  expect(plain.headers.get('link')).toBe(`<${stack().apiUrl}/registry>;rel=xregistry-root`);
});

test('no token is 401 and reveals nothing', async () => {
  const answer = await callApi('GET', '/registry', { token: null });
  expect(answer.status).toBe(401);
  expect(answer.body.code).toBe('ERR_UNAUTHENTICATED');
});
