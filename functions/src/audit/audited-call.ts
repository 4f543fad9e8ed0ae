// Runs one mutating API call under the audit trail: the request's entry is
// written first, and if Firestore does not take it the call fails with 503
// before anything changed; then the action; then its outcome (`completed`,
// or `failed` with the error's code) and whatever the action reported it
// caused, in one batch, each naming the request as `parent`. Only once the
// action completed is its operational event handed to the ops publisher,
// which never waits nor fails (ops/ops-publisher.ts).
import { EventqError, UnavailableError } from '../errors';
import type { Logger } from '../observability/log';
import type { OpsPublisher } from '../ops/ops-publisher';
import { opsActorOf } from './audit-actor';
import { type AuditActor, auditEntry, type NewAuditEntry, type StoredAuditEntry } from './audit-entry';
import type { AuditedAnswer, AuditedRequest, AuditSpec } from './audit-spec';
import type { AuditStore } from './audit-store';

export interface AuditServices {
  readonly store: AuditStore;
  readonly ops: OpsPublisher;
  readonly now: () => number;
  readonly retentionDays: number;
  readonly log: Logger;
}

/** What a handler may tell the audit trail while it acts: the further actions it caused. */
export interface ActionAudit {
  /** The id of the request's entry (the `causationid` of what it leads to). */
  readonly id: string;
  caused(type: string, resource: string, detail?: Readonly<Record<string, unknown>>): void;
}

export async function auditedCall<A extends AuditedAnswer>(
  spec: AuditSpec,
  services: AuditServices,
  tenant: string,
  actor: AuditActor,
  request: AuditedRequest,
  run: (audit: ActionAudit) => Promise<A>,
): Promise<A> {
  const type = typeof spec.type === 'string' ? spec.type : spec.type(request);
  const resource = spec.resource(request);
  const entry = (input: Omit<NewAuditEntry, 'actor'>): StoredAuditEntry =>
    auditEntry({ ...input, actor }, services.now(), services.retentionDays);
  const requested = entry({ type, resource, ...(spec.detail ? { detail: spec.detail(request) } : {}) });
  try {
    await services.store.record(tenant, [requested]);
  } catch (error) {
    throw new UnavailableError('the audit trail could not record this call, so nothing was changed; retry', {
      cause: error,
    });
  }
  const caused: StoredAuditEntry[] = [];
  const audit: ActionAudit = {
    id: requested.id,
    caused: (causedType, causedResource, detail) =>
      caused.push(
        entry({
          type: causedType,
          resource: causedResource,
          outcome: 'completed',
          parent: requested.id,
          ...(detail ? { detail } : {}),
        }),
      ),
  };
  const finish = async (outcome: StoredAuditEntry) => {
    try {
      await services.store.record(tenant, [outcome, ...caused]);
    } catch (error) {
      // The action is done (or failed) already; the request's entry stays, without its outcome.
      services.log('ERROR', 'an audit outcome could not be written', {
        tenant,
        // The request's entry id and type: what an operator looks up.
        eventId: requested.id,
        eventType: type,
        error: String(error),
      });
    }
  };
  let answer: A;
  try {
    answer = await run(audit);
  } catch (error) {
    const code = error instanceof EventqError ? error.code : 'ERR_INTERNAL';
    const status = error instanceof EventqError ? error.status : 500;
    await finish(
      entry({ type, resource, outcome: 'failed', parent: requested.id, detail: { code, status } }),
    );
    throw error;
  }
  const completed = entry({
    type,
    resource,
    outcome: 'completed',
    parent: requested.id,
    detail: { status: answer.status },
  });
  await finish(completed);
  const event = spec.ops?.(request, answer);
  if (event) {
    services.ops.publish({
      tenant,
      ...event,
      actor: opsActorOf(actor),
      causationid: completed.id,
      correlationid: requested.id,
    });
  }
  return answer;
}
