// The api function: the tenant-facing REST API (CONTRACT.md). This file only
// wires; routes live in route-table.ts.
import type { Request, Response } from '@google-cloud/functions-framework';
import { EventCatalog } from '../catalog/event-catalog';
import { parseApiConfig } from '../config/api-config';
import { createDeliveryTokenIssuer } from '../delivery/delivery-token';
import { createSinkPoster } from '../delivery/post-to-sink';
import { createSinkAddressPolicy } from '../delivery/sink-address-policy';
import { jsonLogger } from '../observability/log';
import { pubsubClient } from '../pubsub/pubsub-client';
import { firestoreFailureStore } from '../store/failure-store';
import { firestoreClient } from '../store/firestore-client';
import { firestoreQueueStore } from '../store/queue-store';
import { firestoreStatsReader } from '../store/stats-store';
import { firestoreTokenStore } from '../store/token-store';
import type { ApiServices } from './api-context';
import { handleApiRequest } from './handle-api-request';
import { tolerateMalformedJson } from './tolerate-malformed-json';

tolerateMalformedJson();

const config = parseApiConfig();
const db = () => firestoreClient(config.projectId, config.firestoreDatabase);
const sinkPolicy = createSinkAddressPolicy(config.sinkAllowlist);

const services: ApiServices = {
  config,
  queues: firestoreQueueStore(db),
  tokens: firestoreTokenStore(db),
  pubsub: () => pubsubClient(config.projectId),
  sinkPolicy,
  post: createSinkPoster({ policy: sinkPolicy, timeoutMs: Math.min(config.deliveryTimeoutMs, 10_000) }),
  origin: new URL(config.apiUrl).host,
  catalog: new EventCatalog(config.eventTypes),
  deliveryTokens: createDeliveryTokenIssuer(config.signingKeys[0]!, config.apiUrl),
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  failures: firestoreFailureStore(db),
  stats: firestoreStatsReader(db),
};

export async function api(req: Request, res: Response): Promise<void> {
  await handleApiRequest(req, res, services, jsonLogger);
}
