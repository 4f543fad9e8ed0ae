// Configuration of the api function, parsed once at cold start.
import { type ConfigOf, intVar, parseConfig, stringVar, urlVar } from './config-variable';
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
  maxDeliveryAttempts: intVar(
    'EVENTQ_MAX_DELIVERY_ATTEMPTS',
    'Default delivery attempts before an event is dead-lettered',
    { min: 5, max: 100 },
    10,
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
} as const;

export type ApiConfig = ConfigOf<typeof apiConfigSpec>;

export function parseApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return parseConfig(apiConfigSpec, env);
}
