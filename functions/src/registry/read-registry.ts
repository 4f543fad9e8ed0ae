// A GET under /registry (xRegistry HTTP binding): which entity or collection
// the path names, and its answer. A Resource type with a document (schemas)
// answers with the document itself, its metadata as xRegistry-* headers;
// `$details` after its id asks for the metadata instead.
import { percentEncodeHeaderValue } from '../cloudevents/percent-encode';
import { InlineSelection, type Level } from './inline-flag';
import { apiNotFound, badDetails, notFound } from './registry-errors';
import { CAPABILITIES, GROUP_TYPES, REGISTRY_MODEL, type ResourceType } from './registry-model';
import type { ResourceNode } from './registry-tree';
import {
  collectionMap,
  type Registry,
  serializeGroup,
  serializeMeta,
  serializeRegistry,
  serializeResource,
  serializeVersion,
} from './serialize-entity';

export interface RegistryAnswer {
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

const DETAILS = '$details';
const json = (body: unknown): RegistryAnswer => ({ body, headers: {} });

/** The document of a Resource or Version, with its scalar metadata as headers (http.md, "Serializing Resource Domain-Specific Documents"). */
function documentAnswer(metadata: Record<string, unknown>, type: ResourceType, id: string): RegistryAnswer {
  const headers: Record<string, string> = { 'content-disposition': id };
  for (const [name, value] of Object.entries(metadata)) {
    if (name === type.singular || value === null || typeof value === 'object') continue;
    headers[`xregistry-${name}`] = percentEncodeHeaderValue(String(value));
  }
  return { body: metadata[type.singular], headers };
}

function withoutDetails(segment: string | undefined): { id: string | undefined; details: boolean } {
  if (segment?.endsWith(DETAILS)) return { id: segment.slice(0, -DETAILS.length), details: true };
  return { id: segment, details: false };
}

export function readRegistry(
  registry: Registry,
  segments: readonly string[],
  inlineFlag: unknown,
): RegistryAnswer {
  const requestPath = `/${segments.join('/')}`;
  const [groups, groupId, resources, rawResourceId, sub, rawVersionId, ...rest] = segments;
  const { id: resourceId, details: resourceDetails } = withoutDetails(rawResourceId);
  const { id: versionId, details: versionDetails } = withoutDetails(rawVersionId);
  // $details belongs after a Resource's or a Version's id only.
  const detailsAt = segments.findIndex((s) => s.endsWith(DETAILS));
  if (detailsAt !== -1 && detailsAt !== 3 && !(detailsAt === 5 && sub === 'versions'))
    throw badDetails(requestPath);
  if (rest.length > 0) throw apiNotFound(requestPath);
  const inline = (level: Level) => InlineSelection.parse(inlineFlag, level, requestPath);

  if (groups === undefined) return json(serializeRegistry(registry, inline({ kind: 'root' })));
  if (groups === 'model' && groupId === undefined) return json(REGISTRY_MODEL);
  if (groups === 'capabilities' && groupId === undefined) return json(CAPABILITIES);
  const groupType = GROUP_TYPES[groups];
  const groupEntries = registry.tree.groups[groups];
  if (!groupType || !groupEntries) throw apiNotFound(requestPath);
  const groupLevel: Level = { kind: 'group', groups };
  if (groupId === undefined)
    return json(
      collectionMap(groupEntries, inline(groupLevel), (id, group, below) =>
        serializeGroup(registry, groups, id, group, below),
      ),
    );
  const groupXid = `/${groups}/${encodeURIComponent(groupId)}`;
  const group = groupEntries.get(groupId);
  if (!group) throw notFound(groupXid);
  if (resources === undefined)
    return json(serializeGroup(registry, groups, groupId, group, inline(groupLevel)));
  const type = groupType.resources[resources];
  const resourceEntries = group.resources[resources];
  if (!type || !resourceEntries) throw apiNotFound(requestPath);
  const collectionXid = `${groupXid}/${resources}`;
  const resourceLevel = { kind: 'resource', groups, resources } as const;
  if (resourceId === undefined)
    return json(
      collectionMap(resourceEntries, inline(resourceLevel), (id, resource, below) =>
        serializeResource(registry, collectionXid, type, id, resource, below),
      ),
    );
  const resourceXid = `${collectionXid}/${encodeURIComponent(resourceId)}`;
  const resource = resourceEntries.get(resourceId);
  if (!resource) throw notFound(resourceXid);
  return readInResource(
    registry,
    { type, resourceId, resource, collectionXid, resourceXid, resourceDetails },
    sub,
    {
      versionId,
      versionDetails,
      inline: (level) => inline(level),
      resourceLevel,
      requestPath,
    },
  );
}

function readInResource(
  registry: Registry,
  target: {
    readonly type: ResourceType;
    readonly resourceId: string;
    readonly resource: ResourceNode;
    readonly collectionXid: string;
    readonly resourceXid: string;
    readonly resourceDetails: boolean;
  },
  sub: string | undefined,
  request: {
    readonly versionId: string | undefined;
    readonly versionDetails: boolean;
    readonly inline: (level: Level) => InlineSelection;
    readonly resourceLevel: Extract<Level, { kind: 'resource' }>;
    readonly requestPath: string;
  },
): RegistryAnswer {
  const { type, resourceId, resource, resourceXid } = target;
  const { resourceLevel } = request;
  const asDocument = (details: boolean) => type.hasDocument && !details;
  if (sub === undefined) {
    // The document view inlines the document: it is the body.
    const documentView = asDocument(target.resourceDetails);
    const selection = documentView
      ? InlineSelection.parse(type.singular, resourceLevel, request.requestPath)
      : request.inline(resourceLevel);
    const metadata = serializeResource(registry, target.collectionXid, type, resourceId, resource, selection);
    return documentView ? documentAnswer(metadata, type, resourceId) : json(metadata);
  }
  if (target.resourceDetails) throw badDetails(request.requestPath);
  if (sub === 'meta' && request.versionId === undefined)
    return json(serializeMeta(registry, resourceXid, type, resourceId, resource));
  if (sub !== 'versions') throw apiNotFound(request.requestPath);
  const versionLevel: Level = { ...resourceLevel, kind: 'version' };
  if (request.versionId === undefined)
    return json(
      collectionMap(resource.versions, request.inline(versionLevel), (vid, version, below) =>
        serializeVersion(registry, resourceXid, type, resourceId, resource, vid, version, below),
      ),
    );
  const version = resource.versions.get(request.versionId);
  if (!version) throw notFound(`${resourceXid}/versions/${encodeURIComponent(request.versionId)}`);
  const documentView = asDocument(request.versionDetails);
  const selection = documentView
    ? InlineSelection.parse(type.singular, versionLevel, request.requestPath)
    : request.inline(versionLevel);
  const metadata = serializeVersion(
    registry,
    resourceXid,
    type,
    resourceId,
    resource,
    request.versionId,
    version,
    selection,
  );
  return documentView ? documentAnswer(metadata, type, resourceId) : json(metadata);
}
