// Variables read by more than one function, declared once.
import { intVar, listVar, stringVar, urlVar } from './config-variable';
import { signingKeysVar } from './signing-keys-variable';

export const sharedVariables = {
  projectId: stringVar('EVENTQ_PROJECT_ID', 'Google Cloud project that holds the topics and subscriptions'),
  firestoreDatabase: stringVar('EVENTQ_FIRESTORE_DATABASE', 'Firestore database id', '(default)'),
  apiUrl: urlVar('EVENTQ_API_URL', "The api function's public URL: the issuer of delivery JWTs"),
  signingKeys: signingKeysVar(
    'EVENTQ_SIGNING_KEYS',
    "JSON array of eventq's private signing JWKs (kid, alg); the first signs, all are published",
  ),
  sinkAllowlist: listVar(
    'EVENTQ_SINK_ALLOWLIST',
    'Comma-separated hosts or CIDR ranges that sinks may use despite being private or plain http',
    [],
  ),
  deliveryTimeoutMs: intVar(
    'EVENTQ_DELIVERY_TIMEOUT_MS',
    'How long a sink has to answer a delivery',
    { min: 100, max: 540_000 },
    10_000,
  ),
  maxDeliveryAttempts: intVar(
    'EVENTQ_MAX_DELIVERY_ATTEMPTS',
    "Default delivery attempts before an event is dead-lettered (a queue's own maxDeliveryAttempts wins)",
    { min: 5, max: 100 },
    10,
  ),
  queueCacheTtlMs: intVar(
    'EVENTQ_QUEUE_CACHE_TTL_MS',
    'How long dispatch trusts a cached queue definition: the delay before a PATCH takes effect, and how long DELETE waits',
    { min: 0, max: 600_000 },
    10_000,
  ),
} as const;
