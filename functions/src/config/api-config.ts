// Configuration of the api function, parsed once at cold start.

import { DEVICE_EVENT_TYPES } from '../catalog/device-event-types';
import { checkEventTypes } from '../catalog/event-catalog';
import { type ConfigOf, intVar, jsonVar, parseConfig, stringVar, urlVar } from './config-variable';
import { frameAncestorsVar } from './frame-ancestors-variable';
import { platformVariables } from './platform-variables';
import { sharedVariables } from './shared-variables';

export const apiConfigSpec = {
  ...sharedVariables,
  pushEndpoint: urlVar(
    'EVENTQ_PUSH_ENDPOINT',
    "Where push subscriptions send: dispatch's URL (the local stack's token relay locally)",
  ),
  pushAudience: stringVar('EVENTQ_PUSH_AUDIENCE', 'The audience put in the OIDC token of push subscriptions'),
  pushServiceAccount: stringVar(
    'EVENTQ_PUSH_SERVICE_ACCOUNT',
    'The service account that push subscriptions sign their OIDC token as',
  ),
  retryMinBackoffSeconds: intVar(
    'EVENTQ_RETRY_MIN_BACKOFF_SECONDS',
    'Minimum backoff between delivery attempts',
    { min: 0, max: 600 },
    10,
  ),
  retryMaxBackoffSeconds: intVar(
    'EVENTQ_RETRY_MAX_BACKOFF_SECONDS',
    'Maximum backoff between delivery attempts',
    { min: 0, max: 600 },
    600,
  ),
  secretGraceSeconds: intVar(
    'EVENTQ_SECRET_GRACE_SECONDS',
    'How long a rotated-out webhook secret keeps signing beside the new one',
    { min: 0, max: 7 * 24 * 3600 },
    24 * 3600,
  ),
  maxQueuesPerTenant: intVar(
    'EVENTQ_MAX_QUEUES_PER_TENANT',
    'Queues a tenant may hold',
    { min: 1, max: 10_000 },
    100,
  ),
  apiRatePerMinute: intVar(
    'EVENTQ_API_RATE_PER_MINUTE',
    'Requests per minute one tenant token may make of one api instance (a burst of a second of them); 0 turns the limit off',
    { min: 0, max: 1_000_000 },
    600,
  ),
  eventTypes: jsonVar(
    'EVENTQ_EVENT_TYPES',
    'The event-type catalog: JSON array of {type, description, schema}; the device events by default',
    checkEventTypes,
    [...DEVICE_EVENT_TYPES],
  ),
  auditRetentionDays: intVar(
    'EVENTQ_AUDIT_RETENTION_DAYS',
    "How long the audit trail keeps an entry (Firestore TTL on the entry's expireAt)",
    { min: 1, max: 3650 },
    400,
  ),
  consoleFrameAncestors: frameAncestorsVar(
    'EVENTQ_CONSOLE_FRAME_ANCESTORS',
    'Origins that may embed the tenant console in a frame (CSP frame-ancestors), comma-separated, e.g. https://app.example.com; empty: none may',
  ),
  /** Named in a pull queue's credentials document, since its client must be pointed there. */
  pubsubEmulatorHost: platformVariables.pubsubEmulatorHost,
} as const;

export type ApiConfig = ConfigOf<typeof apiConfigSpec>;

export function parseApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return parseConfig(apiConfigSpec, env);
}
