// The event-type catalog and the validation of event data against it. The
// operator replaces the default device catalog with EVENTQ_EVENT_TYPES (a JSON
// array of {type, description, schema}); eventq's operational types (category
// `operational`) are always in it, after the operator's, and cannot be
// redefined.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ConfigError, InvalidCloudEventError } from '../errors';
import { isOpsEventType } from '../ops/ops-event-types';
import type { EventType } from './event-type';
import { OPERATIONAL_EVENT_TYPES } from './operational-event-types';

export class EventCatalog {
  private readonly byType: Map<string, EventType>;
  private readonly validators = new Map<string, ValidateFunction>();
  private ajv: Ajv2020 | undefined;
  /** The operator's types (or the device events), then eventq's operational ones. */
  readonly types: readonly EventType[];

  constructor(platformTypes: readonly EventType[]) {
    this.types = [...platformTypes.filter((t) => !isOpsEventType(t.type)), ...OPERATIONAL_EVENT_TYPES];
    this.byType = new Map(this.types.map((t) => [t.type, t]));
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
    if (isOpsEventType(type)) {
      throw new ConfigError(`${name}[${i}].type: ${type} is one of eventq's own operational types`);
    }
    if (typeof description !== 'string') throw new ConfigError(`${name}[${i}].description must be a string`);
    if (typeof schema !== 'object' || schema === null)
      throw new ConfigError(`${name}[${i}].schema must be a JSON Schema`);
    return { type, description, schema: schema as Record<string, unknown> };
  });
}
