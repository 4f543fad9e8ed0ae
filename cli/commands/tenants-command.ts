// `eventq tenants create <id>`: the operator's command. It works on Firestore
// and Pub/Sub directly with the operator's own credentials (the emulators of
// the local stack when no project is given): the tenant's topics and
// dead-letter subscription, its record, and a new API token, shown once.
import type { Firestore } from '@google-cloud/firestore';
import type { PubSub } from '@google-cloud/pubsub';
import { Command } from 'commander';
import { recordTokenActions } from '../../functions/src/audit/operator-actions';
import { pubsubClient } from '../../functions/src/pubsub/pubsub-client';
import { ensureOperatorOpsTopic, ensureTenantTopics } from '../../functions/src/pubsub/tenant-topics';
import { firestoreClient } from '../../functions/src/store/firestore-client';
import { firestoreTokenStore, tokenIdOf } from '../../functions/src/store/token-store';
import { checkTenantId, topicPath } from '../../functions/src/tenancy/resource-names';
import { resolveOperatorTarget } from '../cli-config';
import { CliError, ExitCode } from '../cli-error';
import { printFields, printJson, printTable } from '../output';

interface OperatorFlags {
  project?: string;
  database?: string;
}

interface CreateFlags extends OperatorFlags {
  label: string;
}

function checkedTenant(id: string): string {
  try {
    return checkTenantId(id);
  } catch (error) {
    throw new CliError(`tenant id: ${(error as Error).message}`, ExitCode.Usage);
  }
}

/** Runs `work` with the operator's Pub/Sub and Firestore clients (the local stack's emulators by default). */
async function asOperator<T>(
  flags: OperatorFlags,
  work: (clients: { pubsub: PubSub; firestore: Firestore; projectId: string }) => Promise<T>,
): Promise<T> {
  const target = resolveOperatorTarget(flags);
  // The Google clients switch to an emulator by themselves when these are set.
  if (target.pubsubEmulatorHost) process.env.PUBSUB_EMULATOR_HOST = target.pubsubEmulatorHost;
  if (target.firestoreEmulatorHost) process.env.FIRESTORE_EMULATOR_HOST = target.firestoreEmulatorHost;
  if (target.pubsubEmulatorHost || target.firestoreEmulatorHost)
    process.env.METADATA_SERVER_DETECTION ??= 'none';
  const pubsub = pubsubClient(target.projectId);
  const firestore = firestoreClient(target.projectId, target.firestoreDatabase);
  try {
    return await work({ pubsub, firestore, projectId: target.projectId });
  } finally {
    await Promise.all([pubsub.close(), firestore.terminate()]).catch(() => undefined);
  }
}

export function tenantsCommand(globals: () => { json?: boolean }): Command {
  const tenants = new Command('tenants')
    .description("the operator's tenant administration (Firestore and Pub/Sub directly)")
    .addHelpText('after', '\nExample:\n  $ eventq tenants create globex');
  tenants
    .command('create')
    .description(
      'create a tenant (topic eventq-<id>, its dead-letter topic and subscription, its ops topic eventq-<id>-ops, its record) and issue it an API token',
    )
    .argument('<id>', 'tenant id: lowercase letters, digits and hyphens, starting with a letter')
    .option('--project <project>', 'Google Cloud project (default: EVENTQ_PROJECT_ID, else the local stack)')
    .option('--database <id>', 'Firestore database (default: EVENTQ_FIRESTORE_DATABASE, else (default))')
    .option('--label <label>', "the token's label, to tell tokens apart", 'eventq tenants create')
    .addHelpText(
      'after',
      `
Examples:
  $ eventq tenants create globex
  $ eventq tenants create globex --project my-platform-prod --json | jq -r .token

Creating an existing tenant again keeps its resources and issues one more token;
earlier tokens keep working. The token is shown only now. In production, declare
tenants in Terraform's tenants map as well so that the next apply keeps them.`,
    )
    .action(async (id: string, flags: CreateFlags) => {
      checkedTenant(id);
      await asOperator(flags, async ({ pubsub, firestore, projectId }) => {
        await ensureTenantTopics(pubsub, id);
        // The operator's ops topic is the project's, not the tenant's; making sure of it here keeps a hand-made project whole.
        await ensureOperatorOpsTopic(pubsub);
        const tokens = firestoreTokenStore(() => firestore);
        await tokens.ensureTenant(id);
        const token = await tokens.issue(id, flags.label);
        await recordTokenActions({ pubsub, firestore }, [
          { tenant: id, action: 'created', tokenId: tokenIdOf(token), label: flags.label },
        ]);
        const created = { tenant: id, topic: topicPath(projectId, id), token };
        if (globals().json) printJson(created);
        else {
          printFields(created);
          process.stdout.write('(the token is shown only now: keep it)\n');
        }
      });
    });

  tenants
    .command('tokens')
    .description("list a tenant's API tokens (ids and labels; a token itself is never shown again)")
    .argument('<id>', 'tenant id')
    .option('--project <project>', 'Google Cloud project (default: EVENTQ_PROJECT_ID, else the local stack)')
    .option('--database <id>', 'Firestore database (default: EVENTQ_FIRESTORE_DATABASE, else (default))')
    .addHelpText('after', '\nExample:\n  $ eventq tenants tokens globex')
    .action(async (id: string, flags: OperatorFlags) => {
      checkedTenant(id);
      const list = await asOperator(flags, ({ firestore }) => firestoreTokenStore(() => firestore).list(id));
      if (globals().json) printJson(list);
      else printTable(list as unknown as Array<Record<string, unknown>>, ['id', 'label', 'createdAt']);
    });

  tenants
    .command('revoke-token')
    .description("revoke one of a tenant's API tokens; requests with it get 401 from then on")
    .argument('<id>', 'tenant id')
    .argument('<token-id>', 'the token id shown by `eventq tenants tokens`')
    .option('--project <project>', 'Google Cloud project (default: EVENTQ_PROJECT_ID, else the local stack)')
    .option('--database <id>', 'Firestore database (default: EVENTQ_FIRESTORE_DATABASE, else (default))')
    .addHelpText('after', '\nExample:\n  $ eventq tenants revoke-token globex 3f9a1c0d2b7e')
    .action(async (id: string, tokenId: string, flags: OperatorFlags) => {
      checkedTenant(id);
      const revoked = await asOperator(flags, async ({ firestore, pubsub }) => {
        const done = await firestoreTokenStore(() => firestore).revoke(id, tokenId);
        if (done)
          await recordTokenActions({ pubsub, firestore }, [{ tenant: id, action: 'revoked', tokenId }]);
        return done;
      });
      if (!revoked)
        throw new CliError(`ERR_NOT_FOUND: tenant ${id} has no token ${tokenId}`, ExitCode.ApiError);
      if (globals().json) printJson({ revoked: tokenId });
      else process.stdout.write(`revoked token ${tokenId} of ${id}\n`);
    });
  return tenants;
}
