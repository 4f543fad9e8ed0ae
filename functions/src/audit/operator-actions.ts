// What the operator does straight to Firestore with its own credentials
// (`eventq tenants create | revoke-token`, the local stack's provisioning):
// issuing and revoking tenant tokens. Each is recorded in the tenant's audit
// trail, after it happened (the operator's tools talk to Firestore, not
// through the api), and published as io.eventq.token.created / .revoked.
// The actor is `operator`; the label names the OS user who ran the tool.
// Neither holds the token: only its id.

import { userInfo } from 'node:os';
import type { Firestore } from '@google-cloud/firestore';
import type { PubSub } from '@google-cloud/pubsub';
import type { Logger } from '../observability/log';
import { createOpsPublisher } from '../ops/ops-publisher';
import { pubsubOpsSender } from '../ops/pubsub-ops-sender';
import { type AuditActor, auditEntry } from './audit-entry';
import { firestoreAuditStore } from './audit-store';

export const OPERATOR_ACTOR_ID = 'operator';
const DEFAULT_RETENTION_DAYS = 400;

export function operatorActor(): AuditActor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no user name on this system: the id still says it was the operator
  }
  return { id: OPERATOR_ACTOR_ID, label: `operator (os user ${user})`, via: 'operator' };
}

/** A CLI's stdout is its answer (--json): what went wrong goes to stderr. */
const stderrLogger: Logger = (severity, message, fields) =>
  void process.stderr.write(`${JSON.stringify({ severity, message, eventq: fields })}\n`);

export interface TokenAction {
  readonly tenant: string;
  readonly action: 'created' | 'revoked';
  readonly tokenId: string;
  readonly label?: string;
}

/**
 * Records the token actions in the audit trail (request and outcome, as the
 * api writes them) and publishes their ops events, waiting for them: a CLI
 * exits next. An ops topic not there yet costs a couple of quick retries, and
 * is logged, never thrown: the token action happened and the trail has it.
 */
export async function recordTokenActions(
  clients: { readonly firestore: Firestore; readonly pubsub: PubSub },
  actions: readonly TokenAction[],
  retentionDays = DEFAULT_RETENTION_DAYS,
  log: Logger = stderrLogger,
): Promise<void> {
  const store = firestoreAuditStore(() => clients.firestore);
  const ops = createOpsPublisher({
    send: pubsubOpsSender(() => clients.pubsub),
    log,
    retryDelaysMs: [200, 1_000],
    // Held timers, unlike the publisher's default: the CLI must not exit while a retry waits.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  const actor = operatorActor();
  for (const { tenant, action, tokenId, label } of actions) {
    const type = `token.${action}`;
    const detail = label !== undefined ? { label } : undefined;
    const requested = auditEntry(
      { type, actor, resource: tokenId, ...(detail ? { detail } : {}) },
      Date.now(),
      retentionDays,
    );
    const completed = auditEntry(
      { type, actor, resource: tokenId, outcome: 'completed', parent: requested.id },
      Date.now(),
      retentionDays,
    );
    await store.record(tenant, [requested, completed]);
    ops.publish({
      tenant,
      type: action === 'created' ? 'io.eventq.token.created' : 'io.eventq.token.revoked',
      subject: tokenId,
      actor: OPERATOR_ACTOR_ID,
      data: { tokenId, ...(label !== undefined ? { label } : {}) },
      causationid: completed.id,
      correlationid: requested.id,
    });
  }
  await ops.drain();
}
