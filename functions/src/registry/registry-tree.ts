// A registry held in memory: the entities' own attributes, without what the
// serialization derives from where they sit (ids, self, xid, urls, counts).
export type Attributes = Readonly<Record<string, unknown>>;

export interface VersionNode {
  readonly attributes: Attributes;
  /** The Resource's document (a JSON value), for Resource types that have one. */
  readonly document?: unknown;
}

export interface ResourceNode {
  readonly defaultVersionId: string;
  readonly versions: ReadonlyMap<string, VersionNode>;
}

export interface GroupNode {
  readonly attributes: Attributes;
  /** Resource collection name (e.g. "messages") → the Resources by id. */
  readonly resources: Readonly<Record<string, ReadonlyMap<string, ResourceNode>>>;
}

export interface RegistryTree {
  readonly registryId: string;
  readonly attributes: Attributes;
  /** Group collection name (e.g. "messagegroups") → the Groups by id. */
  readonly groups: Readonly<Record<string, ReadonlyMap<string, GroupNode>>>;
  /** Every entity's epoch: the registry is rebuilt from configuration, never written to. */
  readonly epoch: number;
  /** Every entity's createdat and modifiedat (RFC 3339). */
  readonly timestamp: string;
}

/** A Resource with a single Version "1". */
export function singleVersion(version: VersionNode): ResourceNode {
  return { defaultVersionId: '1', versions: new Map([['1', version]]) };
}
