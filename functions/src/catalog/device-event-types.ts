// The platform's device events: the default event-type catalog.
import type { EventType } from './event-type';

const deviceUuid = { type: 'string', format: 'uuid', description: 'The device UUID.' } as const;
const correlationId = {
  type: 'string',
  minLength: 1,
  description: 'Ties the events of one operation (an update, a config change) together.',
} as const;
const target = { type: 'string', minLength: 1, description: 'The update target (name or version).' } as const;
const timestamp = (what: string) => ({ type: 'string', format: 'date-time', description: what }) as const;

function dataSchema(title: string, properties: Record<string, unknown>, required: string[]) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    type: 'object',
    properties: { deviceUuid, ...properties },
    required: ['deviceUuid', ...required],
  };
}

export const DEVICE_EVENT_TYPES: readonly EventType[] = [
  {
    type: 'DEVICE_FIRST_SEEN',
    description: 'A device connected to the platform for the first time.',
    schema: dataSchema(
      'Device first seen',
      {
        time: timestamp('When the device was first seen.'),
        name: { type: 'string' },
        hardwareId: { type: 'string' },
      },
      [],
    ),
  },
  {
    type: 'DEVICE_CONFIG_APPLIED',
    description: 'A device applied a configuration change, or failed to.',
    schema: dataSchema(
      'Device config applied',
      {
        correlationId,
        time: timestamp('When the device reported it.'),
        success: { type: 'boolean' },
        configVersion: { type: 'string' },
        details: { type: 'string' },
      },
      ['correlationId', 'success'],
    ),
  },
  {
    type: 'DEVICE_OTA_STARTED',
    description: 'A device started an over-the-air update.',
    schema: dataSchema(
      'Device OTA started',
      { correlationId, target, time: timestamp('When the update started.') },
      ['correlationId', 'target'],
    ),
  },
  {
    type: 'DEVICE_OTA_COMPLETED',
    description: 'A device finished an over-the-air update, successfully or not.',
    schema: dataSchema(
      'Device OTA completed',
      {
        correlationId,
        target,
        time: timestamp('When the update finished.'),
        success: { type: 'boolean' },
        details: { type: 'string' },
      },
      ['correlationId', 'target', 'success'],
    ),
  },
  {
    type: 'DEVICE_OTA_APPS_STATE_CHANGED',
    description: "The state of a device's applications changed during or after an update.",
    schema: dataSchema(
      'Device OTA apps state changed',
      {
        correlationId,
        target,
        time: timestamp('When the state changed.'),
        appsState: {
          type: 'object',
          description: 'Application name → its state.',
          additionalProperties: {
            type: 'object',
            properties: {
              state: { enum: ['running', 'stopped', 'failed', 'installing', 'unknown'] },
              details: { type: 'string' },
            },
            required: ['state'],
          },
        },
      },
      ['appsState'],
    ),
  },
  {
    type: 'DEVICE_PUBKEY_CHANGE',
    description: 'A device presented a new public key.',
    schema: dataSchema(
      'Device public key change',
      {
        time: timestamp('When the key changed.'),
        keys: {
          type: 'object',
          properties: {
            pubkey: { type: 'string', minLength: 1, description: 'The new public key (PEM).' },
            previousPubkey: { type: 'string', description: 'The key it replaces (PEM).' },
          },
          required: ['pubkey'],
        },
      },
      ['keys'],
    ),
  },
];
