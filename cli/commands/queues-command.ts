// `eventq queues ...`: a tenant's queues over the tenant API, and the
// pull-queue listener.
import { Command, Option } from 'commander';
import { apiRequest } from '../api-client';
import { resolveApiTarget } from '../cli-config';
import { CliError, ExitCode } from '../cli-error';
import { printFields, printJson, printTable } from '../output';
import { openCredentialsFile } from '../pull/credentials-file';
import { listenCommand } from './listen-command';
import { addMessageLogCommands } from './message-log-command';
import { addQueueOperations } from './queue-operations-command';

interface GlobalFlags {
  api?: string;
  token?: string;
  json?: boolean;
}

type Queue = Record<string, unknown> & { name: string };

interface FilterFlags {
  type: string[];
  stream?: string;
  source?: string;
  filter: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseFilter(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw new CliError(
      `--filter must be JSON, e.g. '{"prefix":{"type":"DEVICE_"}}', got ${json}`,
      ExitCode.Usage,
    );
  }
}

export function queuesCommand(globals: () => GlobalFlags): Command {
  const queues = new Command('queues')
    .description("manage the tenant's queues")
    .addHelpText(
      'after',
      '\nExamples:\n  $ eventq queues ls\n  $ eventq queues mk-pull audit audit.json --type DEVICE_FIRST_SEEN\n  $ eventq queues mk-push alerts https://hooks.example.com/ops --stream ops --type io.eventq.queue.disabled\n  $ eventq queues failures orders --json\n\nEach command has its own help: eventq queues <command> --help',
    );
  const target = () => resolveApiTarget(globals());
  const filterOptions = (command: Command) =>
    command
      .option('--type <type>', 'deliver only events of this type (repeatable)', collect, [])
      .option('--source <source>', 'deliver only events from this source')
      .option(
        '--filter <json>',
        'a CloudEvents Subscriptions API filter (repeatable; all must match)',
        collect,
        [],
      )
      .addOption(
        new Option(
          '--stream <stream>',
          "what the queue reads: events (the tenant's own, the default) or ops (eventq's operational events: io.eventq.*)",
        ).choices(['events', 'ops']),
      );
  const filterFields = (opts: FilterFlags) => ({
    ...(opts.stream ? { stream: opts.stream } : {}),
    ...(opts.type.length > 0 ? { types: opts.type } : {}),
    ...(opts.source ? { source: opts.source } : {}),
    ...(opts.filter.length > 0 ? { filters: opts.filter.map(parseFilter) } : {}),
  });

  filterOptions(
    queues
      .command('mk-push')
      .description(
        'create a push queue that delivers to a webhook URL (the URL must pass the validation handshake)',
      )
      .argument('<name>', 'queue name: lowercase letters, digits and hyphens')
      .argument('<url>', 'the webhook URL (https, or an allowlisted host)'),
  )
    .option('--structured', 'deliver in structured mode (application/cloudevents+json) instead of binary')
    .addOption(
      new Option(
        '--signature <scheme>',
        'v1: HMAC with a secret shown once; v1a: Ed25519, verified with the public key the queue shows',
      ).choices(['v1', 'v1a']),
    )
    .addHelpText(
      'after',
      `\nExample:\n  $ eventq queues mk-push orders https://hooks.example.com/eventq --type DEVICE_FIRST_SEEN --filter '{"prefix":{"subject":"devices/"}}'\n\nThe answer shows the queue's signing secret (whsec_...) once: keep it to verify deliveries.\nWith --signature v1a it shows the queue's public key (whpk_...) instead, which GET shows again.`,
    )
    .action(
      async (name: string, url: string, opts: FilterFlags & { structured?: boolean; signature?: string }) => {
        const body = {
          name,
          kind: 'push',
          sink: url,
          ...filterFields(opts),
          ...(opts.structured ? { contentMode: 'structured' } : {}),
          ...(opts.signature ? { signature: opts.signature } : {}),
        };
        const queue = await apiRequest<Queue>(target(), 'POST', '/v1/queues', body);
        if (globals().json) printJson(queue);
        else {
          printFields({
            name: queue.name,
            kind: queue.kind,
            stream: queue.stream,
            sink: queue.sink,
            subscription: queue.subscription,
          });
          process.stdout.write(
            queue.publicKey === undefined
              ? `secret        ${String(queue.secret)}   (shown once: keep it to verify deliveries)\n`
              : `publicKey     ${String(queue.publicKey)}   (verifies webhook-signature v1a,...)\n`,
          );
        }
      },
    );

  filterOptions(
    queues
      .command('mk-pull')
      .description(
        'create a pull queue and write its credentials document (mode 0600): all a Pub/Sub client needs to consume it',
      )
      .argument('<name>', 'queue name: lowercase letters, digits and hyphens')
      .argument('<creds-file>', 'where to write the credentials document'),
  )
    .option(
      '--principal <member>',
      'who may pull, granted roles/pubsub.subscriber on this subscription only: serviceAccount:<email>, user:<email> or group:<email>',
    )
    .addHelpText(
      'after',
      `\nExamples:\n  $ eventq queues mk-pull orders orders.json --type DEVICE_FIRST_SEEN\n  $ eventq queues mk-pull orders orders.json --principal serviceAccount:puller@tenant-project.iam.gserviceaccount.com\n  $ eventq queues listen orders orders.json\n\neventq mints no keys: the principal signs in with its own Google credentials. The local\nemulator has no IAM, which the document's "access" field then says.`,
    )
    .action(async (name: string, file: string, opts: FilterFlags & { principal?: string }) => {
      const body = {
        name,
        kind: 'pull',
        ...filterFields(opts),
        ...(opts.principal ? { principal: opts.principal } : {}),
      };
      const pending = openCredentialsFile(file);
      let queue: Queue;
      try {
        queue = await apiRequest<Queue>(target(), 'POST', '/v1/queues', body);
      } catch (error) {
        pending.abandon();
        throw error;
      }
      pending.write(queue.credentials);
      if (globals().json) printJson(queue);
      else {
        const credentials = queue.credentials as Record<string, unknown>;
        printFields({
          name: queue.name,
          kind: queue.kind,
          stream: queue.stream,
          subscription: queue.subscription,
          access: credentials.access,
          credentials: `${file} (mode 0600)`,
        });
      }
    });

  queues
    .command('ls')
    .description("list the tenant's queues")
    .addHelpText('after', '\nExample:\n  $ eventq queues ls --json')
    .action(async () => {
      const { queues: list } = await apiRequest<{ queues: Queue[] }>(target(), 'GET', '/v1/queues');
      if (globals().json) printJson(list);
      else printTable(list, ['name', 'kind', 'status', 'sink', 'types']);
    });

  queues
    .command('show')
    .description('show one queue')
    .argument('<name>', 'queue name')
    .addHelpText('after', '\nExample:\n  $ eventq queues show orders')
    .action(async (name: string) => {
      const queue = await apiRequest<Queue>(target(), 'GET', `/v1/queues/${encodeURIComponent(name)}`);
      if (globals().json) printJson(queue);
      else printFields(queue);
    });

  queues
    .command('rm')
    .description('delete a queue and its subscription; deliveries stop')
    .argument('<name>', 'queue name')
    .addHelpText('after', '\nExample:\n  $ eventq queues rm orders')
    .action(async (name: string) => {
      await apiRequest(target(), 'DELETE', `/v1/queues/${encodeURIComponent(name)}`);
      if (globals().json) printJson({ deleted: name });
      else process.stdout.write(`deleted ${name}\n`);
    });

  queues.addCommand(listenCommand());
  addQueueOperations(queues, { target, json: () => globals().json === true });
  addMessageLogCommands(queues, { target, json: () => globals().json === true });
  return queues;
}
