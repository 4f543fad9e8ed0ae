// A tenant's registry, built from the event-type catalog: one Message Group
// and one Schema Group named after the catalog, a Message and a Schema per
// event type, and the tenant's endpoints.
import type { EventType } from '../catalog/event-type';
import { messageVersion, schemaVersion } from './message-definition';
import { type RegistryTree, singleVersion } from './registry-tree';
import { type EndpointSettings, tenantEndpoints } from './tenant-endpoints';

export const CATALOG_GROUP = 'catalog';

export interface CatalogRegistrySettings extends Omit<EndpointSettings, 'messageGroups'> {
  readonly types: readonly EventType[];
  /** The registry's root URL, which every self and url starts with. */
  readonly rootUrl: string;
  /** When the catalog was loaded: every entity's createdat and modifiedat. */
  readonly loadedAt: Date;
}

export function catalogRegistry(settings: CatalogRegistrySettings): RegistryTree {
  const { types, rootUrl, tenant } = settings;
  const schemaXid = (type: string) => `/schemagroups/${CATALOG_GROUP}/schemas/${encodeURIComponent(type)}`;
  const messages = new Map(
    types.map((t) => [
      t.type,
      singleVersion(messageVersion(t, { uri: `${rootUrl}${schemaXid(t.type)}`, xid: schemaXid(t.type) })),
    ]),
  );
  const schemas = new Map(types.map((t) => [t.type, singleVersion(schemaVersion(t))]));
  const description = 'The event types of the eventq catalog';
  return {
    registryId: `eventq-${tenant}`,
    attributes: {
      name: `eventq registry of tenant ${tenant}`,
      description: `The event catalog of tenant ${tenant} and where its events are published and subscribed to.`,
    },
    groups: {
      messagegroups: new Map([
        [
          CATALOG_GROUP,
          {
            attributes: { name: 'Event catalog', description, envelope: 'CloudEvents/1.0' },
            resources: { messages },
          },
        ],
      ]),
      schemagroups: new Map([
        [CATALOG_GROUP, { attributes: { name: 'Event data schemas', description }, resources: { schemas } }],
      ]),
      endpoints: tenantEndpoints({ ...settings, messageGroups: [`/messagegroups/${CATALOG_GROUP}`] }),
    },
    epoch: 1,
    timestamp: settings.loadedAt.toISOString(),
  };
}
