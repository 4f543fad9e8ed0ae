// What eventq itself recorded about an event the soak found lost: the failed
// attempts dispatch wrote (tenants/{t}/queues/{q}/failures), and the message
// log's entry (CONTRACT.md "Message log"), asked through the API so that the
// soak reads it as a tenant would, and the push engine's backlog (an event still
// on its way is late, not lost). Each source is one EvidenceSource; a build
// without the message log answers 404 there, which the evidence says.
import type { Firestore } from '@google-cloud/firestore';
import type { PushEngine } from '../../emulator/push-engine/push-engine';
import { webhookId } from '../../functions/src/delivery/webhook-id';
import { collections, queueDocPath, queueSubscriptionPath } from '../../functions/src/tenancy/resource-names';
import type { SoakApi } from './soak-api';

export interface LostEvent {
  readonly tenant: string;
  readonly queue: string;
  readonly eventId: string;
  readonly source: string;
}

export interface EvidenceSource {
  readonly name: string;
  /** One line per fact found; an empty list when the source knows nothing of the event. */
  describe(lost: LostEvent): Promise<string[]>;
}

export function failureRecordEvidence(db: Firestore): EvidenceSource {
  return {
    name: 'failure records',
    async describe({ tenant, queue, eventId }) {
      const snap = await db
        .collection(`${queueDocPath(tenant, queue)}/${collections.failures}`)
        .where('eventId', '==', eventId)
        .get();
      return snap.docs
        .map((d) => d.data())
        .sort((a, b) => a.time.toMillis() - b.time.toMillis())
        .map((f) =>
          `attempt ${f.attempt ?? '?'} at ${f.time.toDate().toISOString()}: ${f.status ?? 'no answer'} ${f.error ?? ''}`.trim(),
        );
    },
  };
}

export function messageLogEvidence(api: SoakApi): EvidenceSource {
  return {
    name: 'message log',
    async describe({ tenant, queue, eventId, source }) {
      const id = webhookId(tenant, queue, source, eventId);
      const answer = await api.call(tenant, 'GET', `/v1/queues/${queue}/events/${id}`);
      if (answer.status !== 200)
        return [`no entry for ${id} (${answer.status} ${answer.body?.code ?? ''})`.trim()];
      const entry = answer.body as { status?: string; attemptCount?: number; attempts?: unknown[] };
      return [
        `${id}: ${entry.status} after ${entry.attemptCount} attempts`,
        ...(entry.attempts ?? []).map((a) => JSON.stringify(a)),
      ];
    },
  };
}

/**
 * The local push engine's backlog of the queue's subscription: an event that is
 * not lost but still on its way (a slow drain) shows here, not in the records.
 */
export function pushEngineEvidence(engine: PushEngine, projectId: string): EvidenceSource {
  return {
    name: 'push engine',
    async describe({ tenant, queue }) {
      const held = engine.held()[queueSubscriptionPath(projectId, tenant, queue)] ?? 0;
      return held === 0
        ? []
        : [`still holds ${held} messages of the queue (waiting, in retry or being pushed)`];
    },
  };
}

/** Every source's lines for each lost event, at most `limit` events (a large loss is one cause, many times). */
export async function explainLosses(
  lost: readonly LostEvent[],
  sources: readonly EvidenceSource[],
  limit = 20,
): Promise<Array<LostEvent & { evidence: Record<string, string[]> }>> {
  const explained = [];
  for (const event of lost.slice(0, limit)) {
    const evidence: Record<string, string[]> = {};
    for (const source of sources) {
      try {
        evidence[source.name] = await source.describe(event);
      } catch (error) {
        evidence[source.name] = [`could not read: ${(error as Error).message}`];
      }
    }
    explained.push({ ...event, evidence });
  }
  return explained;
}
