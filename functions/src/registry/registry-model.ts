// The registry's model (GET /registry/model), assembled from the model files
// of the xRegistry specification vendored in ./model (README there), and the
// shape of the registry derived from it: which Group and Resource types exist,
// their singular names, and whether a Resource has a document of its own.
import coreModel from './model/core-model.json';
import endpointModel from './model/endpoint-model.json';
import messageModel from './model/message-model.json';
import schemaModel from './model/schema-model.json';

export const SPEC_VERSION = '1.0-rc4';

export interface ResourceType {
  readonly plural: string;
  readonly singular: string;
  /** A Resource with a document is served as that document unless `$details` is asked for. */
  readonly hasDocument: boolean;
}

export interface GroupType {
  readonly plural: string;
  readonly singular: string;
  readonly resources: Readonly<Record<string, ResourceType>>;
}

interface ModelGroup {
  readonly singular: string;
  readonly resources?: Readonly<
    Record<string, { readonly singular: string; readonly hasdocument?: boolean }>
  >;
  readonly ximportresources?: readonly string[];
}

// The endpoint model includes the message groups with "$include"; the message model is that definition.
const modelGroups: Readonly<Record<string, ModelGroup & Record<string, unknown>>> = {
  messagegroups: messageModel.groups.messagegroups,
  schemagroups: schemaModel.groups.schemagroups,
  endpoints: endpointModel.groups.endpoints,
};

/** The full model: the core attributes and the three domain specifications' groups. */
export const REGISTRY_MODEL: Readonly<Record<string, unknown>> = {
  attributes: coreModel.attributes,
  groups: modelGroups,
};

function resourceTypes(group: ModelGroup): Record<string, ResourceType> {
  const own = Object.entries(group.resources ?? {}).map(([plural, r]) => ({
    plural,
    singular: r.singular,
    // The core model's default for hasdocument is true.
    hasDocument: r.hasdocument !== false,
  }));
  // "ximportresources": ["/messagegroups/messages"] makes endpoints hold messages too.
  const imported = (group.ximportresources ?? []).map((path) => {
    const [, fromGroup, plural] = path.split('/') as [string, string, string];
    return resourceTypes(modelGroups[fromGroup]!)[plural]!;
  });
  return Object.fromEntries([...own, ...imported].map((r) => [r.plural, r]));
}

export const GROUP_TYPES: Readonly<Record<string, GroupType>> = Object.fromEntries(
  Object.entries(modelGroups).map(([plural, group]) => [
    plural,
    { plural, singular: group.singular, resources: resourceTypes(group) },
  ]),
);

/** What this server supports (GET /registry/capabilities): a read-only registry. */
export const CAPABILITIES = {
  available: { capabilities: { mutable: false }, entities: { mutable: false }, model: { mutable: false } },
  flags: ['inline'],
  formats: [],
  ignores: [],
  mutable: [],
  pagination: false,
  shortself: false,
  specversions: [SPEC_VERSION],
} as const;
