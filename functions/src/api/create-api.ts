// Builds the api function from its configuration: the services every route
// uses, each replaceable (a test passes fakes), and the HTTP handler. Nothing
// here opens a connection: the Firestore and Pub/Sub clients are created on
// first use.
import type { Request, Response } from '@google-cloud/functions-framework';
import { createActorResolver } from '../audit/audit-actor';
import { firestoreAuditStore } from '../audit/audit-store';
import { EventCatalog } from '../catalog/event-catalog';
import type { ApiConfig } from '../config/api-config';
import { createDeliveryTokenIssuer } from '../delivery/delivery-token';
import { createSinkPoster } from '../delivery/post-to-sink';
import { createSinkAddressPolicy } from '../delivery/sink-address-policy';
import { firestoreLogStore } from '../message-log/log-store';
import { jsonLogger, type Logger } from '../observability/log';
import { createOpsPublisher } from '../ops/ops-publisher';
import { pubsubOpsSender } from '../ops/pubsub-ops-sender';
import { pubsubClient } from '../pubsub/pubsub-client';
import { createRedriveKeys } from '../pubsub/redrive-signature';
import { firestoreFailureStore } from '../store/failure-store';
import { firestoreClient } from '../store/firestore-client';
import { firestorePortalSessionStore } from '../store/portal-session-store';
import { firestoreQueueStore } from '../store/queue-store';
import { firestoreStatsReader } from '../store/stats-store';
import { firestoreTokenStore } from '../store/token-store';
import type { ApiServices } from './api-context';
import { type ConsoleFiles, lazyConsoleFiles } from './console/console-assets';
import { handleApiRequest } from './handle-api-request';
import { buildOpenApiDocument } from './openapi';
import { createTokenRateCheck } from './rate-limit-tokens';
import { cacheUnknownTokens } from './unknown-token-cache';

/** What a caller may put in place of the real adapters, and where logs go. */
export type ApiAdapters = Partial<Omit<ApiServices, 'config'>> & {
  readonly log?: Logger;
  /** The console's built files; dist/console, read on first request, by default. */
  readonly consoleFiles?: () => ConsoleFiles;
};

export type ApiHandler = (req: Request, res: Response) => Promise<void>;

/** A test event's sink gets less time than a delivery: the caller is waiting on the answer. */
const TEST_DELIVERY_TIMEOUT_MS = 10_000;

function productionServices(config: ApiConfig, adapters: ApiAdapters, log: Logger): ApiServices {
  const db = () => firestoreClient(config.projectId, config.firestoreDatabase);
  const sinkPolicy = adapters.sinkPolicy ?? createSinkAddressPolicy(config.sinkAllowlist);
  const pubsub = adapters.pubsub ?? (() => pubsubClient(config.projectId));
  return {
    config,
    queues: firestoreQueueStore(db),
    tokens: firestoreTokenStore(db),
    pubsub,
    sinkPolicy,
    post: createSinkPoster({
      policy: sinkPolicy,
      timeoutMs: Math.min(config.deliveryTimeoutMs, TEST_DELIVERY_TIMEOUT_MS),
    }),
    origin: new URL(config.apiUrl).host,
    catalog: new EventCatalog(config.eventTypes),
    deliveryTokens: createDeliveryTokenIssuer(config.signingKeys[0]!, config.apiUrl),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    failures: firestoreFailureStore(db),
    stats: firestoreStatsReader(db),
    portalSessions: firestorePortalSessionStore(db),
    messageLog: firestoreLogStore(db),
    redriveKeys: createRedriveKeys(config.signingKeys),
    audit: firestoreAuditStore(db),
    // Built only when no test replaced it: it holds background retries.
    ops: adapters.ops ?? createOpsPublisher({ send: pubsubOpsSender(pubsub), log }),
  };
}

export function createApi(config: ApiConfig, adapters: ApiAdapters = {}): ApiHandler {
  const { log = jsonLogger, consoleFiles = lazyConsoleFiles(), ...replaced } = adapters;
  const merged: ApiServices = { ...productionServices(config, adapters, log), ...replaced };
  // Every token store, a test's too, so that what is tested is what runs.
  const services: ApiServices = { ...merged, tokens: cacheUnknownTokens(merged.tokens, merged.now) };
  let openApi: Record<string, unknown> | undefined;
  const context = {
    services,
    log,
    checkRate: createTokenRateCheck(config.apiRatePerMinute, services.now),
    audit: {
      store: services.audit,
      ops: services.ops,
      now: services.now,
      retentionDays: config.auditRetentionDays,
      log,
      actorOf: createActorResolver(services.tokens, services.now),
    },
    console: {
      files: consoleFiles,
      portalSessions: services.portalSessions,
      now: services.now,
      frameAncestors: config.consoleFrameAncestors,
    },
    openApiDocument: () => {
      openApi ??= buildOpenApiDocument(config.apiUrl);
      return openApi;
    },
  };
  return (req, res) => handleApiRequest(req, res, context);
}
