// `eventq publish`: the producer side, publishing one CloudEvent to a tenant's
// topic in binary mode, validated before it leaves.
import { Command } from 'commander';
import { type CloudEventInput, publishCloudEvent } from '../../functions/src/publish/publish-cloudevent';
import { pubsubClient } from '../../functions/src/pubsub/pubsub-client';
import { checkTenantId } from '../../functions/src/tenancy/resource-names';
import { resolvePubsubTarget } from '../cli-config';
import { CliError, ExitCode } from '../cli-error';
import { printJson } from '../output';

interface PublishFlags {
  tenant: string;
  type: string;
  source: string;
  subject?: string;
  id?: string;
  time?: string;
  data?: string;
  project?: string;
}

export function publishCommand(globals: () => { json?: boolean }): Command {
  return new Command('publish')
    .description("publish one CloudEvent to a tenant's topic (Pub/Sub binding, binary mode)")
    .requiredOption('--tenant <tenant>', 'tenant id: publishes to topic eventq-<tenant>')
    .requiredOption('--type <type>', 'CloudEvents type, e.g. DEVICE_FIRST_SEEN')
    .requiredOption('--source <source>', 'CloudEvents source (URI-reference), e.g. /devices/7f3c')
    .option('--subject <subject>', 'CloudEvents subject')
    .option('--id <id>', 'CloudEvents id (default: a random UUID)')
    .option('--time <time>', 'RFC 3339 time (default: now)')
    .option('--data <json>', 'event data as JSON')
    .option('--project <project>', 'Google Cloud project (default: EVENTQ_PROJECT_ID, else the local stack)')
    .addHelpText(
      'after',
      `\nExample:\n  $ eventq publish --tenant acme --type DEVICE_FIRST_SEEN --source /devices/7f3c --data '{"deviceUuid":"7f3c"}'`,
    )
    .action(async (flags: PublishFlags) => {
      checkTenantIdOrExit(flags.tenant);
      let data: unknown;
      if (flags.data !== undefined) {
        try {
          data = JSON.parse(flags.data);
        } catch {
          throw new CliError(`--data must be JSON, got ${flags.data}`, ExitCode.Usage);
        }
      }
      const target = resolvePubsubTarget(flags);
      if (target.emulatorHost) {
        process.env.PUBSUB_EMULATOR_HOST = target.emulatorHost;
        // The emulator needs no credentials; skip the client's probe for a metadata server.
        process.env.METADATA_SERVER_DETECTION ??= 'none';
      }
      const input: CloudEventInput = {
        type: flags.type,
        source: flags.source,
        ...(flags.subject !== undefined ? { subject: flags.subject } : {}),
        ...(flags.id !== undefined ? { id: flags.id } : {}),
        ...(flags.time !== undefined ? { time: flags.time } : {}),
        ...(data !== undefined ? { data } : {}),
      };
      const pubsub = pubsubClient(target.projectId);
      try {
        const messageId = await publishCloudEvent(pubsub, flags.tenant, input);
        if (globals().json) printJson({ messageId, topic: `eventq-${flags.tenant}` });
        else process.stdout.write(`published message ${messageId} to eventq-${flags.tenant}\n`);
      } finally {
        await pubsub.close();
      }
    });
}

function checkTenantIdOrExit(tenant: string): void {
  try {
    checkTenantId(tenant);
  } catch (error) {
    throw new CliError(`--tenant: ${(error as Error).message}`, ExitCode.Usage);
  }
}
