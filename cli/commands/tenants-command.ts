// `eventq tenants create <id>`: the operator's command. It works on Firestore
// and Pub/Sub directly with the operator's own credentials (the emulators of
// the local stack when no project is given): the tenant's topics and
// dead-letter subscription, its record, and a new API token, shown once.
import { Command } from 'commander';
import { pubsubClient } from '../../functions/src/pubsub/pubsub-client';
import { ensureTenantTopics } from '../../functions/src/pubsub/tenant-topics';
import { firestoreClient } from '../../functions/src/store/firestore-client';
import { firestoreTokenStore } from '../../functions/src/store/token-store';
import { checkTenantId, topicPath } from '../../functions/src/tenancy/resource-names';
import { resolveOperatorTarget } from '../cli-config';
import { CliError, ExitCode } from '../cli-error';
import { printFields, printJson } from '../output';

interface CreateFlags {
  project?: string;
  database?: string;
  label: string;
}

export function tenantsCommand(globals: () => { json?: boolean }): Command {
  const tenants = new Command('tenants')
    .description("the operator's tenant administration (Firestore and Pub/Sub directly)")
    .addHelpText('after', '\nExample:\n  $ eventq tenants create globex');
  tenants
    .command('create')
    .description(
      'create a tenant (topic eventq-<id>, its dead-letter topic and subscription, its record) and issue it an API token',
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
      try {
        checkTenantId(id);
      } catch (error) {
        throw new CliError(`tenant id: ${(error as Error).message}`, ExitCode.Usage);
      }
      const target = resolveOperatorTarget(flags);
      // The Google clients switch to an emulator by themselves when these are set.
      if (target.pubsubEmulatorHost) process.env.PUBSUB_EMULATOR_HOST = target.pubsubEmulatorHost;
      if (target.firestoreEmulatorHost) process.env.FIRESTORE_EMULATOR_HOST = target.firestoreEmulatorHost;
      if (target.pubsubEmulatorHost || target.firestoreEmulatorHost)
        process.env.METADATA_SERVER_DETECTION ??= 'none';
      const pubsub = pubsubClient(target.projectId);
      const firestore = firestoreClient(target.projectId, target.firestoreDatabase);
      try {
        await ensureTenantTopics(pubsub, id);
        const tokens = firestoreTokenStore(() => firestore);
        await tokens.ensureTenant(id);
        const token = await tokens.issue(id, flags.label);
        const created = { tenant: id, topic: topicPath(target.projectId, id), token };
        if (globals().json) printJson(created);
        else {
          printFields(created);
          process.stdout.write('(the token is shown only now: keep it)\n');
        }
      } finally {
        await Promise.all([pubsub.close(), firestore.terminate()]).catch(() => undefined);
      }
    });
  return tenants;
}
