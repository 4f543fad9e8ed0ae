// An example event payload made from a JSON Schema, for the event-type
// catalog: each property filled with a value of its type and format.

type Schema = {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly examples?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
};

const BY_FORMAT: Readonly<Record<string, string>> = {
  uuid: '7f3c1e52-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
  'date-time': '2026-01-01T12:00:00Z',
  uri: 'https://example.com/',
  email: 'ops@example.com',
};

export function examplePayload(schema: Schema, depth = 0): unknown {
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      if (depth > 5) return {};
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(schema.properties ?? {}))
        out[key] = examplePayload(value, depth + 1);
      return out;
    }
    case 'array':
      return schema.items ? [examplePayload(schema.items, depth + 1)] : [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      return (schema.format && BY_FORMAT[schema.format]) || 'text';
    default:
      return null;
  }
}
