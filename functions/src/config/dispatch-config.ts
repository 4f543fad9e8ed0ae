// Configuration of the dispatch function, parsed once at cold start.
import { DEFAULT_REPLY_MAX_HOPS } from '../dispatch/reply-of';
import { type MessageLogLevels, parseMessageLogLevels } from '../message-log/log-levels';
import { type ConfigOf, intVar, jsonVar, parseConfig, stringVar, urlVar } from './config-variable';
import { platformVariables } from './platform-variables';
import { sharedVariables } from './shared-variables';

export const GOOGLE_CERTS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

export const dispatchConfigSpec = {
  ...sharedVariables,
  pushAudience: stringVar(
    'EVENTQ_PUSH_AUDIENCE',
    'The audience that push subscriptions put in their OIDC token',
  ),
  pushServiceAccount: stringVar(
    'EVENTQ_PUSH_SERVICE_ACCOUNT',
    'The service account email that push subscriptions sign their OIDC token as',
  ),
  pushCertsUrl: urlVar(
    'EVENTQ_PUSH_CERTS_URL',
    'JWKS URL of the keys that sign push tokens',
    GOOGLE_CERTS_URL,
  ),
  tokenClockSkewSeconds: intVar(
    'EVENTQ_TOKEN_CLOCK_SKEW_SECONDS',
    'Clock skew tolerated on push token iat/exp',
    { min: 0, max: 300 },
    30,
  ),
  failureRetentionDays: intVar(
    'EVENTQ_FAILURE_RETENTION_DAYS',
    'How long failed-attempt records are kept (Firestore TTL on expireAt)',
    { min: 1, max: 365 },
    7,
  ),
  statsFlushMs: intVar(
    'EVENTQ_STATS_FLUSH_MS',
    'How often delivery counters are flushed to Firestore: the lag of /stats',
    { min: 100, max: 600_000 },
    10_000,
  ),
  messageLogLevels: jsonVar<MessageLogLevels>(
    'EVENTQ_MESSAGE_LOG_LEVELS',
    'What the message log keeps, per tenant or queue: {"<tenant>": "all"|"failures"|"off", "<tenant>/<queue>": ...}; unnamed ones keep all',
    parseMessageLogLevels,
    new Map(),
  ),
  messageLogRetentionDays: intVar(
    'EVENTQ_MESSAGE_LOG_RETENTION_DAYS',
    'How long message-log entries are kept after their last attempt (Firestore TTL on expireAt)',
    { min: 1, max: 400 },
    7,
  ),
  messageLogFlushMs: intVar(
    'EVENTQ_MESSAGE_LOG_FLUSH_MS',
    'How often message-log entries are written to Firestore: what a crash can lose, and the lag of the log',
    { min: 100, max: 60_000 },
    1_000,
  ),
  maxMibInFlight: intVar(
    'EVENTQ_MAX_MIB_IN_FLIGHT',
    'How many MiB of push bodies an instance works on at once; beyond it a push is answered 503 and comes again',
    { min: 1, max: 4096 },
    64,
  ),
  disableAfterSeconds: intVar(
    'EVENTQ_DISABLE_AFTER_SECONDS',
    'How long a sink may fail without a success before its queue is disabled',
    { min: 1, max: 90 * 24 * 3600 },
    5 * 24 * 3600,
  ),
  failingAfterAttempts: intVar(
    'EVENTQ_FAILING_AFTER_ATTEMPTS',
    'Failed attempts in a row (seen by one dispatch instance) after which a queue is reported delivery.failing on its ops stream',
    { min: 1, max: 10_000 },
    5,
  ),
  failingAfterSeconds: intVar(
    'EVENTQ_FAILING_AFTER_SECONDS',
    "How long a sink may fail without a success before its queue is reported delivery.failing, whatever the attempts' count",
    { min: 1, max: 90 * 24 * 3600 },
    15 * 60,
  ),
  replyMaxHops: intVar(
    'EVENTQ_REPLY_MAX_HOPS',
    'How many hops a chain of reply events may take (each reply one more than the event it answers) before the next reply is dropped and counted',
    { min: 1, max: 64 },
    DEFAULT_REPLY_MAX_HOPS,
  ),
  exhaustedWindowSeconds: intVar(
    'EVENTQ_EXHAUSTED_WINDOW_SECONDS',
    "The window over which one dispatch instance adds up a queue's dead-lettered events into one delivery.exhausted event",
    { min: 1, max: 3600 },
    60,
  ),
  /** The Firestore REST reader and the stats writer talk to the emulator when it is set. */
  firestoreEmulatorHost: platformVariables.firestoreEmulatorHost,
  /** Where the REST calls get their access token in production. */
  metadataHost: platformVariables.metadataHost,
  /** Names this instance's shard of the delivery counters. */
  revision: platformVariables.revision,
} as const;

export type DispatchConfig = ConfigOf<typeof dispatchConfigSpec>;

export function parseDispatchConfig(env: NodeJS.ProcessEnv = process.env): DispatchConfig {
  return parseConfig(dispatchConfigSpec, env);
}
