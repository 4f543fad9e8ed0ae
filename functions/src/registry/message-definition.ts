// An event type of the catalog as an xRegistry Message Definition (message
// spec, "CloudEvents/1.0" envelope) and as a Schema Resource (schema spec).
import type { EventType } from '../catalog/event-type';
import type { VersionNode } from './registry-tree';

/** The data of every catalog type is a JSON object. */
export const DATA_CONTENT_TYPE = 'application/json';

// schema/spec.md, "JSON Schema": the format name of each draft's $schema.
const JSON_SCHEMA_FORMATS: Readonly<Record<string, string>> = {
  'http://json-schema.org/draft-07/schema': 'JsonSchema/draft-07',
  'https://json-schema.org/draft/2019-09/schema': 'JsonSchema/draft/2019-09',
  'https://json-schema.org/draft/2020-12/schema': 'JsonSchema/draft/2020-12',
};

/** The xRegistry format of a JSON Schema; without $schema, the draft the catalog validates with (2020-12). */
export function jsonSchemaFormat(schema: Readonly<Record<string, unknown>>): string {
  const declared = typeof schema.$schema === 'string' ? schema.$schema.replace(/#$/, '') : undefined;
  return (declared && JSON_SCHEMA_FORMATS[declared]) ?? 'JsonSchema/draft/2020-12';
}

export interface SchemaReference {
  /** Absolute URL of the Schema Resource, which answers with the schema document. */
  readonly uri: string;
  /** The Schema Resource's xid in this registry. */
  readonly xid: string;
}

export function messageVersion(entry: EventType, schema: SchemaReference): VersionNode {
  return {
    attributes: {
      name: entry.type,
      description: entry.description,
      envelope: 'CloudEvents/1.0',
      // message/spec.md "CloudEvents/1.0": type, id and source are always required; the rest as CloudEvents says.
      envelopemetadata: {
        specversion: { type: 'string', value: '1.0', required: true },
        id: { type: 'string', required: true },
        type: { type: 'string', value: entry.type, required: true },
        source: {
          type: 'uritemplate',
          required: true,
          description: "Any URI-reference the publisher chooses; eventq's queues may filter on it.",
        },
        subject: { type: 'string', required: false },
        time: { type: 'timestamp', required: false },
        dataschema: { type: 'uritemplate', value: schema.uri, required: false },
        datacontenttype: { type: 'string', value: DATA_CONTENT_TYPE, required: false },
      },
      dataschemaformat: jsonSchemaFormat(entry.schema),
      dataschemauri: schema.uri,
      dataschemaxid: schema.xid,
      datacontenttype: DATA_CONTENT_TYPE,
    },
  };
}

export function schemaVersion(entry: EventType): VersionNode {
  return {
    attributes: {
      name: entry.type,
      description: `The data of ${entry.type} events: ${entry.description}`,
      format: jsonSchemaFormat(entry.schema),
      contenttype: 'application/json',
    },
    document: entry.schema,
  };
}
