// Creates what each tenant needs locally: its topic, dead-letter topic,
// dead-letter subscription and ops topic, and once the operator's ops topic
// (Terraform declares the same in production), the tenant record, and an API
// token, shown once.
import type { Firestore } from '@google-cloud/firestore';
import type { PubSub } from '@google-cloud/pubsub';
import { recordTokenActions } from '../functions/src/audit/operator-actions';
import { ensureOperatorOpsTopic, ensureTenantTopics } from '../functions/src/pubsub/tenant-topics';
import { firestoreTokenStore, tokenIdOf } from '../functions/src/store/token-store';
import { topicPath } from '../functions/src/tenancy/resource-names';
import type { StackTenant } from './stack-info';
import type { TenantDefinition } from './tenants-file';

// A cold Firestore emulator on a busy machine can miss the store's 5 s
// deadline on its first writes; every step below is safe to repeat.
const ATTEMPTS = 4;

async function withRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
}

export async function provisionTenants(
  tenants: readonly TenantDefinition[],
  clients: { pubsub: PubSub; firestore: Firestore; projectId: string },
): Promise<StackTenant[]> {
  const tokens = firestoreTokenStore(() => clients.firestore);
  await withRetries(() => ensureOperatorOpsTopic(clients.pubsub));
  return Promise.all(
    tenants.map(async ({ id }) => {
      await withRetries(() => ensureTenantTopics(clients.pubsub, id));
      await withRetries(() => tokens.ensureTenant(id));
      const token = await withRetries(() => tokens.issue(id, 'local stack'));
      await withRetries(() =>
        recordTokenActions(clients, [
          { tenant: id, action: 'created', tokenId: tokenIdOf(token), label: 'local stack' },
        ]),
      );
      return { id, token, topic: topicPath(clients.projectId, id) };
    }),
  );
}
