// GET /registry and below: the caller's tenant's event catalog as an xRegistry
// (functions/src/registry/). The registry is built once per tenant and api
// instance from the catalog, which only a deploy changes.
import { createHash } from 'node:crypto';
import type { EventCatalog } from '../catalog/event-catalog';
import { catalogRegistry } from '../registry/catalog-registry';
import { readRegistry } from '../registry/read-registry';
import type { Registry } from '../registry/serialize-entity';
import type { ApiServices, RouteHandler } from './api-context';

/** The path parameters of the registry routes, in path order. */
export const REGISTRY_PARAMS = [
  'groups',
  'groupId',
  'resources',
  'resourceId',
  'versionsOrMeta',
  'versionId',
];

/** The registry's paths (one route each, all GET) and what each answers. */
export const REGISTRY_PATHS: readonly (readonly [string, string])[] = [
  ['/registry', 'xRegistry: the registry entity, with the url and count of each group collection'],
  [
    '/registry/{groups}',
    'xRegistry: a group collection (messagegroups, schemagroups, endpoints), or the model or capabilities',
  ],
  ['/registry/{groups}/{groupId}', 'xRegistry: a group'],
  ['/registry/{groups}/{groupId}/{resources}', 'xRegistry: a resource collection (messages, schemas)'],
  [
    '/registry/{groups}/{groupId}/{resources}/{resourceId}',
    'xRegistry: a resource; a schema answers with its document, its metadata with `$details` after the id',
  ],
  [
    '/registry/{groups}/{groupId}/{resources}/{resourceId}/{versionsOrMeta}',
    "xRegistry: a resource's versions or meta",
  ],
  [
    '/registry/{groups}/{groupId}/{resources}/{resourceId}/{versionsOrMeta}/{versionId}',
    'xRegistry: a version; a schema version answers with its document, its metadata with `$details`',
  ],
];

export const INLINE_QUERY = {
  name: 'inline',
  description:
    'xRegistry inline flag: comma-separated paths of collections to include (`*` for all, `model`, `capabilities`)',
  type: 'string',
} as const;

const registries = new WeakMap<EventCatalog, Map<string, Registry>>();
const loadedAt = new WeakMap<EventCatalog, Date>();

export const registryRootUrl = (apiUrl: string): string => `${apiUrl.replace(/\/+$/, '')}/registry`;

function tenantRegistry(tenant: string, services: ApiServices): Registry {
  const { catalog, config } = services;
  if (!loadedAt.has(catalog)) loadedAt.set(catalog, new Date(services.now()));
  const byTenant = registries.get(catalog) ?? new Map<string, Registry>();
  registries.set(catalog, byTenant);
  let registry = byTenant.get(tenant);
  if (!registry) {
    const rootUrl = registryRootUrl(config.apiUrl);
    const tree = catalogRegistry({
      tenant,
      types: catalog.types,
      rootUrl,
      apiUrl: config.apiUrl.replace(/\/+$/, ''),
      projectId: config.projectId,
      pubsubEmulatorHost: config.pubsubEmulatorHost,
      loadedAt: loadedAt.get(catalog)!,
    });
    registry = { tree, rootUrl };
    byTenant.set(tenant, registry);
  }
  return registry;
}

export const readRegistryRoute: RouteHandler = async (request, services) => {
  const registry = tenantRegistry(request.tenant, services);
  const segments = REGISTRY_PARAMS.map((name) => request.params[name]).filter((s) => s !== undefined);
  const answer = readRegistry(registry, segments, request.query.inline);
  const etag = createHash('sha256').update(JSON.stringify(answer.body)).digest('base64url').slice(0, 27);
  return {
    status: 200,
    body: answer.body,
    headers: { ...answer.headers, link: `<${registry.rootUrl}>;rel=xregistry-root`, etag: `"${etag}"` },
  };
};
