// The API view of each kind of entity (core spec: Registry, Group, Resource,
// Meta and Version entities): its own attributes, and the ones its place in
// the registry gives it — <SINGULAR>id, self, xid, epoch, timestamps, the url
// and count of each nested collection, and what ?inline asks to include.
import type { InlineSelection } from './inline-flag';
import { CAPABILITIES, GROUP_TYPES, REGISTRY_MODEL, type ResourceType, SPEC_VERSION } from './registry-model';
import type { GroupNode, RegistryTree, ResourceNode, VersionNode } from './registry-tree';

type Json = Record<string, unknown>;

/** The registry and its root URL; an xid appended to the root is the entity's URL. */
export interface Registry {
  readonly tree: RegistryTree;
  readonly rootUrl: string;
}

const segment = encodeURIComponent;

function common(registry: Registry, xid: string): Json {
  return { self: `${registry.rootUrl}${xid === '/' ? '' : xid}`, xid, epoch: registry.tree.epoch };
}

function times(registry: Registry): Json {
  return { createdat: registry.tree.timestamp, modifiedat: registry.tree.timestamp };
}

/** `<name>url`, `<name>count` and, when inlined, the collection itself. */
function collection<T>(
  registry: Registry,
  xid: string,
  name: string,
  entries: ReadonlyMap<string, T>,
  inline: InlineSelection,
  each: (id: string, entry: T, inline: InlineSelection) => Json,
): Json {
  return {
    [`${name}url`]: `${registry.rootUrl}${xid === '/' ? '' : xid}/${name}`,
    [`${name}count`]: entries.size,
    ...(inline.has(name) && { [name]: collectionMap(entries, inline.below(name), each) }),
  };
}

export function collectionMap<T>(
  entries: ReadonlyMap<string, T>,
  inline: InlineSelection,
  each: (id: string, entry: T, inline: InlineSelection) => Json,
): Json {
  return Object.fromEntries([...entries].map(([id, entry]) => [id, each(id, entry, inline)]));
}

export function serializeRegistry(registry: Registry, inline: InlineSelection): Json {
  const { tree } = registry;
  return {
    specversion: SPEC_VERSION,
    registryid: tree.registryId,
    ...common(registry, '/'),
    ...tree.attributes,
    ...times(registry),
    ...(inline.has('capabilities') && { capabilities: CAPABILITIES }),
    ...(inline.has('model') && { model: REGISTRY_MODEL }),
    ...Object.assign(
      {},
      ...Object.entries(tree.groups).map(([groups, entries]) =>
        collection(registry, '/', groups, entries, inline, (id, group, below) =>
          serializeGroup(registry, groups, id, group, below),
        ),
      ),
    ),
  };
}

export function serializeGroup(
  registry: Registry,
  groups: string,
  id: string,
  group: GroupNode,
  inline: InlineSelection,
): Json {
  const type = GROUP_TYPES[groups]!;
  const xid = `/${groups}/${segment(id)}`;
  return {
    [`${type.singular}id`]: id,
    ...common(registry, xid),
    ...group.attributes,
    ...times(registry),
    ...Object.assign(
      {},
      ...Object.entries(group.resources).map(([resources, entries]) =>
        collection(registry, xid, resources, entries, inline, (rid, resource, below) =>
          serializeResource(
            registry,
            `${xid}/${resources}`,
            type.resources[resources]!,
            rid,
            resource,
            below,
          ),
        ),
      ),
    ),
  };
}

function versionAttributes(
  type: ResourceType,
  version: VersionNode,
  versionId: string,
  isDefault: boolean,
  inline: InlineSelection,
): Json {
  return {
    versionid: versionId,
    isdefault: isDefault,
    ...version.attributes,
    // A single line of versions: the first Version is its own ancestor.
    ancestorid: versionId,
    ...(type.hasDocument && inline.has(type.singular) && { [type.singular]: version.document }),
  };
}

/** A Resource: its default Version's attributes with the Resource's own self and xid, then meta and versions. */
export function serializeResource(
  registry: Registry,
  collectionXid: string,
  type: ResourceType,
  id: string,
  resource: ResourceNode,
  inline: InlineSelection,
): Json {
  const xid = `${collectionXid}/${segment(id)}`;
  const defaultVersion = resource.versions.get(resource.defaultVersionId)!;
  return {
    [`${type.singular}id`]: id,
    ...common(registry, xid),
    ...versionAttributes(type, defaultVersion, resource.defaultVersionId, true, inline),
    ...times(registry),
    metaurl: `${registry.rootUrl}${xid}/meta`,
    ...(inline.has('meta') && { meta: serializeMeta(registry, xid, type, id, resource) }),
    ...collection(registry, xid, 'versions', resource.versions, inline, (vid, version, below) =>
      serializeVersion(registry, xid, type, id, resource, vid, version, below),
    ),
  };
}

export function serializeMeta(
  registry: Registry,
  resourceXid: string,
  type: ResourceType,
  id: string,
  resource: ResourceNode,
): Json {
  return {
    [`${type.singular}id`]: id,
    ...common(registry, `${resourceXid}/meta`),
    ...times(registry),
    readonly: true,
    defaultversionid: resource.defaultVersionId,
    defaultversionurl: `${registry.rootUrl}${resourceXid}/versions/${segment(resource.defaultVersionId)}`,
    defaultversionsticky: false,
  };
}

export function serializeVersion(
  registry: Registry,
  resourceXid: string,
  type: ResourceType,
  id: string,
  resource: ResourceNode,
  versionId: string,
  version: VersionNode,
  inline: InlineSelection,
): Json {
  return {
    [`${type.singular}id`]: id,
    ...common(registry, `${resourceXid}/versions/${segment(versionId)}`),
    ...versionAttributes(type, version, versionId, versionId === resource.defaultVersionId, inline),
    ...times(registry),
  };
}
