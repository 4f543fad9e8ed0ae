// Validates request bodies against the JSON Schemas of schemas/ (the same
// schemas /openapi.json publishes). The first problem becomes a 422 whose
// detail names the field, e.g. `filters[0]: must NOT have more than 1 properties`.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ValidationError } from '../errors';

let ajv: Ajv | undefined;
const compiled = new Map<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= addFormats(new Ajv({ allErrors: false, strict: false }));
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** `/filters/0/exact` → `filters[0].exact` */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    const where = fieldPath(error.instancePath);
    return `${where ? `${where}.` : ''}${extra}: unknown field`;
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    const where = fieldPath(error.instancePath);
    return `${where ? `${where}.` : ''}${missing}: is required`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) =>
      JSON.stringify(v),
    );
    return `${fieldPath(error.instancePath) || 'body'}: must be one of ${allowed.join(', ')}`;
  }
  if (error.keyword === 'type' && error.instancePath === '' && error.params.type === 'object') {
    return 'body: must be a JSON object';
  }
  return `${fieldPath(error.instancePath) || 'body'}: ${error.message ?? 'is invalid'}`;
}

export function validateBody<T>(schema: object, body: unknown): T {
  const validate = validatorFor(schema);
  if (!validate(body)) throw new ValidationError(describe(validate.errors![0]!));
  return body as T;
}
