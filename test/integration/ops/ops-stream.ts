// The ops stream as a tenant and an operator read it: a tenant of the test's
// own (so that its ops stream holds only what the test causes), a pull queue
// with "stream": "ops" read with the Pub/Sub client, and a subscription of the
// test's own on the operator's topic.
import { randomBytes } from 'node:crypto';
import type { Message, Subscription } from '@google-cloud/pubsub';
import { provisionTenants } from '../../../emulator/provision-tenants';
import { OPERATOR_OPS_TOPIC_ID } from '../../../functions/src/tenancy/resource-names';
import { callApi, pubsub, stack, uniqueName } from '../support/stack';

export interface OpsEvent {
  readonly type: string;
  readonly source: string;
  readonly subject: string;
  readonly actor: string;
  readonly orderingKey: string;
  readonly data: Record<string, unknown>;
}

export interface OwnTenant {
  readonly id: string;
  readonly token: string;
}

/** A tenant provisioned as `eventq tenants create` does: its topics, ops topic included, and a token. */
export async function ownTenant(prefix = 'opst'): Promise<OwnTenant> {
  const id = `${prefix}-${randomBytes(3).toString('hex')}`;
  const { Firestore } = require('@google-cloud/firestore') as typeof import('@google-cloud/firestore');
  const firestore = new Firestore({ projectId: stack().projectId });
  try {
    const [provisioned] = await provisionTenants([{ id }], {
      pubsub: pubsub(),
      firestore,
      projectId: stack().projectId,
    });
    return { id, token: provisioned!.token };
  } finally {
    await firestore.terminate();
  }
}

function decode(message: Message): OpsEvent {
  const a = message.attributes;
  return {
    type: a['ce-type']!,
    source: a['ce-source']!,
    subject: a['ce-subject']!,
    actor: a['ce-actor']!,
    orderingKey: message.orderingKey ?? '',
    data: JSON.parse(message.data.toString('utf8')),
  };
}

/** Everything a subscription receives from now on, acked, until `stop`. */
export class OpsCollector {
  readonly events: OpsEvent[] = [];

  private constructor(private readonly subscription: Subscription) {
    subscription.on('message', (message: Message) => {
      message.ack();
      this.events.push(decode(message));
    });
    subscription.on('error', () => undefined);
  }

  /** Reads a pull queue the test created in its tenant. */
  static forQueue(tenant: string, queue: string): OpsCollector {
    return new OpsCollector(pubsub().subscription(`eventq-${tenant}.${queue}`));
  }

  /** A subscription of the test's own on the operator's topic, deleted by stop(). */
  static async forOperator(): Promise<OpsCollector> {
    const [subscription] = await pubsub()
      .topic(OPERATOR_OPS_TOPIC_ID)
      .createSubscription(uniqueName('operator-watch'), { enableMessageOrdering: true });
    return new OpsCollector(subscription);
  }

  /** The events of one tenant (by their source). */
  of(tenant: string): OpsEvent[] {
    return this.events.filter((e) => e.source === `/eventq/tenants/${tenant}`);
  }

  async stop(options: { delete?: boolean } = {}): Promise<void> {
    await this.subscription.close();
    if (options.delete) await this.subscription.delete().catch(() => undefined);
  }
}

/** A pull queue on the tenant's ops stream. */
export async function createOpsPullQueue(
  tenant: OwnTenant,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const name = uniqueName('ops');
  const created = await callApi('POST', '/v1/queues', {
    token: tenant.token,
    body: { name, kind: 'pull', stream: 'ops', ...extra },
  });
  if (created.status !== 201) throw new Error(`ops queue not created: ${JSON.stringify(created.body)}`);
  return name;
}
