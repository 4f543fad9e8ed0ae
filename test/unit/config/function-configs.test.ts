import { parseApiConfig } from '../../../functions/src/config/api-config';
import { GOOGLE_CERTS_URL, parseDispatchConfig } from '../../../functions/src/config/dispatch-config';
import { ConfigError } from '../../../functions/src/errors';

const signingKeys = [{ kty: 'EC', kid: 'k1', alg: 'ES256', crv: 'P-256', x: 'x', y: 'y', d: 'd' }];
const shared = {
  EVENTQ_PROJECT_ID: 'eventq-test',
  EVENTQ_API_URL: 'https://api.eventq.test',
  EVENTQ_SIGNING_KEYS: JSON.stringify(signingKeys),
};
const dispatchEnv = {
  ...shared,
  EVENTQ_PUSH_AUDIENCE: 'https://dispatch.eventq.test',
  EVENTQ_PUSH_SERVICE_ACCOUNT: 'push@eventq-test.iam.gserviceaccount.com',
};
const apiEnv = { ...dispatchEnv, EVENTQ_PUSH_ENDPOINT: 'https://dispatch.eventq.test' };

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('parseDispatchConfig', () => {
  it('applies the defaults when only the required variables are set', () => {
    expect(parseDispatchConfig(dispatchEnv)).toEqual({
      projectId: 'eventq-test',
      firestoreDatabase: '(default)',
      apiUrl: 'https://api.eventq.test',
      signingKeys,
      sinkAllowlist: [],
      deliveryTimeoutMs: 10_000,
      pushAudience: 'https://dispatch.eventq.test',
      pushServiceAccount: 'push@eventq-test.iam.gserviceaccount.com',
      pushCertsUrl: GOOGLE_CERTS_URL,
      tokenClockSkewSeconds: 30,
      queueCacheTtlMs: 10_000,
      revision: 'local',
      maxMibInFlight: 64,
      maxDeliveryAttempts: 10,
      failureRetentionDays: 7,
      statsFlushMs: 10_000,
      disableAfterSeconds: 432_000,
      failingAfterAttempts: 5,
      failingAfterSeconds: 900,
      replyMaxHops: 8,
      exhaustedWindowSeconds: 60,
      messageLogLevels: new Map(),
      messageLogRetentionDays: 7,
      messageLogFlushMs: 1_000,
      firestoreEmulatorHost: undefined,
      metadataHost: 'metadata.google.internal',
    });
  });

  it('reads where the Firestore emulator and the metadata server are, as the platform sets them', () => {
    expect(
      parseDispatchConfig({
        ...dispatchEnv,
        FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080',
        GCE_METADATA_HOST: '127.0.0.1:9999',
      }),
    ).toMatchObject({ firestoreEmulatorHost: '127.0.0.1:8080', metadataHost: '127.0.0.1:9999' });
  });

  it('names every required variable of an empty environment in one error', () => {
    const { detail } = configError(() => parseDispatchConfig({}));
    for (const name of [
      'EVENTQ_PROJECT_ID',
      'EVENTQ_API_URL',
      'EVENTQ_SIGNING_KEYS',
      'EVENTQ_PUSH_AUDIENCE',
      'EVENTQ_PUSH_SERVICE_ACCOUNT',
    ]) {
      expect(detail).toContain(`${name} is required`);
    }
    expect(detail).not.toMatch(/EVENTQ_PUSH_CERTS_URL|EVENTQ_SINK_ALLOWLIST|EVENTQ_FIRESTORE_DATABASE/);
  });

  it('names every bad variable in one error', () => {
    const { detail } = configError(() =>
      parseDispatchConfig({
        ...dispatchEnv,
        EVENTQ_API_URL: 'api.eventq.test',
        EVENTQ_PUSH_CERTS_URL: 'ftp://certs',
        EVENTQ_TOKEN_CLOCK_SKEW_SECONDS: '301',
        EVENTQ_DELIVERY_TIMEOUT_MS: '99',
        EVENTQ_QUEUE_CACHE_TTL_MS: 'soon',
        EVENTQ_SIGNING_KEYS: '[]',
      }),
    );
    for (const name of [
      'EVENTQ_API_URL',
      'EVENTQ_PUSH_CERTS_URL',
      'EVENTQ_TOKEN_CLOCK_SKEW_SECONDS',
      'EVENTQ_DELIVERY_TIMEOUT_MS',
      'EVENTQ_QUEUE_CACHE_TTL_MS',
      'EVENTQ_SIGNING_KEYS',
    ]) {
      expect(detail).toContain(name);
    }
  });

  it.each<[string, string, boolean]>([
    ['EVENTQ_TOKEN_CLOCK_SKEW_SECONDS', '0', true],
    ['EVENTQ_TOKEN_CLOCK_SKEW_SECONDS', '300', true],
    ['EVENTQ_TOKEN_CLOCK_SKEW_SECONDS', '-1', false],
    ['EVENTQ_TOKEN_CLOCK_SKEW_SECONDS', '301', false],
    ['EVENTQ_DELIVERY_TIMEOUT_MS', '100', true],
    ['EVENTQ_DELIVERY_TIMEOUT_MS', '540000', true],
    ['EVENTQ_DELIVERY_TIMEOUT_MS', '99', false],
    ['EVENTQ_DELIVERY_TIMEOUT_MS', '540001', false],
    ['EVENTQ_QUEUE_CACHE_TTL_MS', '0', true],
    ['EVENTQ_QUEUE_CACHE_TTL_MS', '600000', true],
    ['EVENTQ_QUEUE_CACHE_TTL_MS', '600001', false],
  ])('%s=%s is accepted: %s', (name, value, accepted) => {
    const parse = () => parseDispatchConfig({ ...dispatchEnv, [name]: value });
    if (accepted) expect(() => parse()).not.toThrow();
    else expect(configError(parse).detail).toContain(`${name} must be an integer`);
  });

  it('reads the sink allowlist as a list', () => {
    expect(
      parseDispatchConfig({ ...dispatchEnv, EVENTQ_SINK_ALLOWLIST: 'localhost, 127.0.0.0/8' }).sinkAllowlist,
    ).toEqual(['localhost', '127.0.0.0/8']);
  });
});

describe('parseApiConfig', () => {
  it('applies the defaults when only the required variables are set', () => {
    expect(parseApiConfig(apiEnv)).toMatchObject({
      pushEndpoint: 'https://dispatch.eventq.test',
      maxDeliveryAttempts: 10,
      retryMinBackoffSeconds: 10,
      retryMaxBackoffSeconds: 600,
      deliveryTimeoutMs: 10_000,
      firestoreDatabase: '(default)',
    });
  });

  it("reads the Pub/Sub emulator host, which a pull queue's credentials name, and none by default", () => {
    expect(parseApiConfig(apiEnv).pubsubEmulatorHost).toBeUndefined();
    expect(parseApiConfig({ ...apiEnv, PUBSUB_EMULATOR_HOST: '127.0.0.1:8085' }).pubsubEmulatorHost).toBe(
      '127.0.0.1:8085',
    );
  });

  it('requires the push endpoint beside the dispatch variables', () => {
    const { detail } = configError(() => parseApiConfig(dispatchEnv));
    expect(detail).toContain('EVENTQ_PUSH_ENDPOINT is required');
  });

  it.each<[string, string, boolean]>([
    ['EVENTQ_MAX_DELIVERY_ATTEMPTS', '5', true],
    ['EVENTQ_MAX_DELIVERY_ATTEMPTS', '100', true],
    ['EVENTQ_MAX_DELIVERY_ATTEMPTS', '4', false],
    ['EVENTQ_MAX_DELIVERY_ATTEMPTS', '101', false],
    ['EVENTQ_RETRY_MIN_BACKOFF_SECONDS', '0', true],
    ['EVENTQ_RETRY_MIN_BACKOFF_SECONDS', '601', false],
    ['EVENTQ_RETRY_MAX_BACKOFF_SECONDS', '600', true],
    ['EVENTQ_RETRY_MAX_BACKOFF_SECONDS', '601', false],
  ])('%s=%s is accepted: %s', (name, value, accepted) => {
    const parse = () => parseApiConfig({ ...apiEnv, [name]: value });
    if (accepted) expect(() => parse()).not.toThrow();
    else expect(configError(parse).detail).toContain(`${name} must be an integer`);
  });
});
