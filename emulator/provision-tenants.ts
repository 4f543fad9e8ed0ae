// Creates what each tenant needs locally: its topic, dead-letter topic and
// dead-letter subscription (Terraform declares the same in production), the
// tenant record, and an API token, shown once.
import type { Firestore } from '@google-cloud/firestore';
import type { PubSub } from '@google-cloud/pubsub';
import { ensureTenantTopics } from '../functions/src/pubsub/tenant-topics';
import { firestoreTokenStore } from '../functions/src/store/token-store';
import { topicPath } from '../functions/src/tenancy/resource-names';
import type { StackTenant } from './stack-info';
import type { TenantDefinition } from './tenants-file';

export async function provisionTenants(
  tenants: readonly TenantDefinition[],
  clients: { pubsub: PubSub; firestore: Firestore; projectId: string },
): Promise<StackTenant[]> {
  const tokens = firestoreTokenStore(() => clients.firestore);
  return Promise.all(
    tenants.map(async ({ id }) => {
      await ensureTenantTopics(clients.pubsub, id);
      await tokens.ensureTenant(id);
      const token = await tokens.issue(id, 'local stack');
      return { id, token, topic: topicPath(clients.projectId, id) };
    }),
  );
}
