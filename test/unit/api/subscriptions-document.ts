// The vendored CloudEvents Subscriptions API document as validators: its
// OpenAPI 3.0 component schemas handed to ajv as JSON Schema, with one known
// defect of the document patched (below). The conformance tests check eventq's
// answers and the document's valid requests with these.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CORE_SCHEMA, safeLoad } from 'js-yaml';

export const DOCUMENT_FILE = join(
  __dirname,
  '../../vendor/cloudevents-subscriptions/subscriptions-openapi.yaml',
);

type Json = Record<string, unknown>;

export interface SubscriptionsDocument {
  readonly paths: Record<string, Record<string, { responses: Record<string, Json> }>>;
  readonly components: { schemas: Record<string, Json> };
}

export function readDocument(): SubscriptionsDocument {
  return safeLoad(readFileSync(DOCUMENT_FILE, 'utf8'), { schema: CORE_SCHEMA }) as SubscriptionsDocument;
}

const GENERIC_FILTER = '#/components/schemas/Filter';

/**
 * The document's known defect (cloudevents/spec#1038): each "Filter entry"
 * `oneOf` lists the generic `Filter` (`type: object, additionalProperties:
 * true`, any object) beside the dialects, so every filter matches at least
 * two branches and a strict validator refuses every subscription that has
 * filters. The four lists are subscriptions-openapi.yaml lines 175-183
 * (SubscriptionRequest.filters.items), 229-237 (AllFilter.all.items), 252-259
 * (AnyFilter.any.items) and 269-277 (NotFilter.not), at the vendored commit.
 * `protocolsettings` (lines 143-149) has the same shape: its generic
 * `ProtocolSettings` is `{}` (`additionalProperties: false`), which
 * HTTPSettings and AMQPSettings also match, so even `{}` matches three
 * branches. Each becomes `anyOf`, what the document evidently means; no other
 * schema is changed. Returns how many were patched, for the test to pin.
 */
export function patchKnownDefect(doc: SubscriptionsDocument): {
  filterLists: number;
  protocolSettings: number;
} {
  let filterLists = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Json;
    const oneOf = schema.oneOf as Json[] | undefined;
    if (oneOf?.some((branch) => branch.$ref === GENERIC_FILTER)) {
      schema.anyOf = oneOf;
      delete schema.oneOf;
      filterLists += 1;
    }
    for (const value of Object.values(schema)) walk(value);
  };
  walk(doc.components.schemas);
  const request = doc.components.schemas.SubscriptionRequest as { properties: Record<string, Json> };
  const settings = request.properties.protocolsettings!;
  settings.anyOf = settings.oneOf;
  delete settings.oneOf;
  return { filterLists, protocolSettings: 1 };
}

export interface DocumentValidators {
  /** Validates against `#/components/schemas/<name>`; errors in `.errors`. */
  readonly schema: (name: string) => ValidateFunction;
  /** The schema of a documented response, or null when the document gives it no content. */
  readonly response: (path: string, method: string, status: number) => ValidateFunction | null;
}

/** The document's refs (`#/components/schemas/X`) as refs into the root below (`subscriptions-openapi#/$defs/X`). */
function asJsonSchema(schema: unknown): Json {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/schemas/', '"subscriptions-openapi#/$defs/'),
  ) as Json;
}

/**
 * OpenAPI 3.0 schemas as JSON Schema for ajv: the component schemas become
 * `$defs` of one root document and refs point there; `nullable` is ajv's own
 * keyword; `example` is an annotation; the document's `format: url` (not a
 * JSON Schema format) is an absolute URL, `int32` and `uri-reference` are
 * ajv-formats'. Strict otherwise, so that nothing of the document is ignored,
 * but for two lints of strict mode that are valid JSON Schema the document
 * relies on: `required` naming properties an `allOf` branch defines
 * (Subscription), and `properties` without `type: object`.
 */
export function documentValidators(doc: SubscriptionsDocument): DocumentValidators {
  const ajv = addFormats(
    new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }),
  );
  ajv.addKeyword({ keyword: 'example' });
  ajv.addFormat('url', (value: string) => URL.canParse(value));
  ajv.addSchema({ $id: 'subscriptions-openapi', $defs: asJsonSchema(doc.components.schemas) });
  const schema = (name: string) => ajv.compile({ $ref: `subscriptions-openapi#/$defs/${name}` });
  return {
    schema,
    response: (path, method, status) => {
      const answer = doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
      if (!answer) throw new Error(`the document has no ${status} answer for ${method} ${path}`);
      const content = (answer.content as Record<string, { schema: Json }> | undefined)?.['application/json'];
      return content ? ajv.compile(asJsonSchema(content.schema)) : null;
    },
  };
}
