// A tenant's registry, built from the event-type catalog: the tenant's own
// event types in one Message Group and one Schema Group (`catalog`), eventq's
// operational types in another pair (`operational`: they are published to the
// tenant's ops topic, not to its topic), a Message and a Schema per type, and
// the tenant's endpoints, each naming the groups that flow through it.
import type { EventType } from '../catalog/event-type';
import { OPERATIONAL_CATEGORY } from '../catalog/operational-event-types';
import { messageVersion, schemaVersion } from './message-definition';
import { type GroupNode, type RegistryTree, type ResourceNode, singleVersion } from './registry-tree';
import { type EndpointSettings, tenantEndpoints } from './tenant-endpoints';

export const CATALOG_GROUP = 'catalog';
export const OPERATIONAL_GROUP = 'operational';

export interface CatalogRegistrySettings extends Omit<EndpointSettings, 'messageGroups'> {
  readonly types: readonly EventType[];
  /** The registry's root URL, which every self and url starts with. */
  readonly rootUrl: string;
  /** When the catalog was loaded: every entity's createdat and modifiedat. */
  readonly loadedAt: Date;
}

interface GroupText {
  readonly name: string;
  readonly schemasName: string;
  readonly description: string;
}

const GROUP_TEXT: Record<string, GroupText> = {
  [CATALOG_GROUP]: {
    name: 'Event catalog',
    schemasName: 'Event data schemas',
    description: "The event types of the tenant's catalog, published to the tenant's topic",
  },
  [OPERATIONAL_GROUP]: {
    name: 'Operational events',
    schemasName: 'Operational event data schemas',
    description:
      'What eventq tells the tenant about its own resources, published to its ops topic; a queue created with "stream": "ops" receives them',
  },
};

/** One Message Group and its Schema Group, for the types of one group. */
function groupPair(group: string, types: readonly EventType[], rootUrl: string) {
  const text = GROUP_TEXT[group]!;
  const schemaXid = (type: string) => `/schemagroups/${group}/schemas/${encodeURIComponent(type)}`;
  const messages = new Map<string, ResourceNode>(
    types.map((t) => [
      t.type,
      singleVersion(messageVersion(t, { uri: `${rootUrl}${schemaXid(t.type)}`, xid: schemaXid(t.type) })),
    ]),
  );
  const schemas = new Map<string, ResourceNode>(types.map((t) => [t.type, singleVersion(schemaVersion(t))]));
  const messageGroup: GroupNode = {
    attributes: { name: text.name, description: text.description, envelope: 'CloudEvents/1.0' },
    resources: { messages },
  };
  const schemaGroup: GroupNode = {
    attributes: { name: text.schemasName, description: text.description },
    resources: { schemas },
  };
  return { messageGroup, schemaGroup };
}

export function catalogRegistry(settings: CatalogRegistrySettings): RegistryTree {
  const { types, rootUrl, tenant } = settings;
  const byGroup = new Map<string, EventType[]>([
    [CATALOG_GROUP, types.filter((t) => t.category !== OPERATIONAL_CATEGORY)],
    [OPERATIONAL_GROUP, types.filter((t) => t.category === OPERATIONAL_CATEGORY)],
  ]);
  const messagegroups = new Map<string, GroupNode>();
  const schemagroups = new Map<string, GroupNode>();
  for (const [group, members] of byGroup) {
    if (members.length === 0) continue;
    const pair = groupPair(group, members, rootUrl);
    messagegroups.set(group, pair.messageGroup);
    schemagroups.set(group, pair.schemaGroup);
  }
  const xids = (group: string) => (messagegroups.has(group) ? [`/messagegroups/${group}`] : []);
  return {
    registryId: `eventq-${tenant}`,
    attributes: {
      name: `eventq registry of tenant ${tenant}`,
      description: `The event catalog of tenant ${tenant} and where its events are published and subscribed to.`,
    },
    groups: {
      messagegroups,
      schemagroups,
      endpoints: tenantEndpoints({
        ...settings,
        messageGroups: { events: xids(CATALOG_GROUP), operational: xids(OPERATIONAL_GROUP) },
      }),
    },
    epoch: 1,
    timestamp: settings.loadedAt.toISOString(),
  };
}
