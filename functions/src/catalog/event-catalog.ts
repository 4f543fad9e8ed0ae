// The event-type catalog and the validation of event data against it. The
// operator replaces the default device catalog with EVENTQ_EVENT_TYPES (a JSON
// array of {type, description, schema}).
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ConfigError, InvalidCloudEventError } from '../errors';
import type { EventType } from './event-type';

export class EventCatalog {
  private readonly byType: Map<string, EventType>;
  private readonly validators = new Map<string, ValidateFunction>();
  private ajv: Ajv2020 | undefined;

  constructor(readonly types: readonly EventType[]) {
    this.byType = new Map(types.map((t) => [t.type, t]));
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  /** Throws InvalidCloudEventError when `data` does not follow the type's schema; unknown types pass. */
  validateData(type: string, data: unknown): void {
    const entry = this.byType.get(type);
    if (!entry) return;
    let validate = this.validators.get(type);
    if (!validate) {
      this.ajv ??= addFormats(new Ajv2020({ strict: false, allErrors: false }));
      validate = this.ajv.compile(entry.schema);
      this.validators.set(type, validate);
    }
    if (!validate(data)) {
      const error = validate.errors![0]!;
      const where = error.instancePath ? `data${error.instancePath.replace(/\//g, '.')}` : 'data';
      throw new InvalidCloudEventError(`${type}: ${where} ${error.message ?? 'is invalid'}`);
    }
  }
}

export function checkEventTypes(value: unknown, name: string): EventType[] {
  if (!Array.isArray(value))
    throw new ConfigError(`${name} must be a JSON array of {type, description, schema}`);
  return value.map((entry, i) => {
    const { type, description, schema } = (entry ?? {}) as Record<string, unknown>;
    if (typeof type !== 'string' || type === '')
      throw new ConfigError(`${name}[${i}].type must be a non-empty string`);
    if (typeof description !== 'string') throw new ConfigError(`${name}[${i}].description must be a string`);
    if (typeof schema !== 'object' || schema === null)
      throw new ConfigError(`${name}[${i}].schema must be a JSON Schema`);
    return { type, description, schema: schema as Record<string, unknown> };
  });
}
