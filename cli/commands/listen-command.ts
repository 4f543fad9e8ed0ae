// `eventq queues listen <name> <creds-file>`: the reference pull-queue client.
// It needs only the credentials document (no API token): streaming pull with
// flow control, each event printed as one JSON line or handed to --exec, acked
// once taken. Ctrl-C stops pulling, lets in-flight events finish and exits 0.
import type { PubSub, Subscription } from '@google-cloud/pubsub';
import { Command } from 'commander';
import { CliError, ExitCode } from '../cli-error';
import { consumeMessages } from '../pull/consume-messages';
import { readCredentialsFile } from '../pull/credentials-file';
import { execPerEvent, printEventLine } from '../pull/deliver-event';
import { listenStatus } from '../pull/listen-status';

/** The longest Ctrl-C waits for in-flight events before nacking what is left. */
const STOP_TIMEOUT_MINUTES = 10;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`--max-in-flight must be a positive integer, got ${value}`, ExitCode.Usage);
  return n;
}

function openSubscription(
  projectId: string,
  subscription: string,
  maxInFlight: number,
): { pubsub: PubSub; subscription: Subscription } {
  const { PubSub: PubSubClass, Duration } =
    require('@google-cloud/pubsub') as typeof import('@google-cloud/pubsub');
  const pubsub = new PubSubClass({ projectId });
  return {
    pubsub,
    subscription: pubsub.subscription(subscription, {
      // allowExcessMessages false: never hold more than we are working on, so nothing waits unleased.
      flowControl: { maxMessages: maxInFlight, allowExcessMessages: false },
      closeOptions: { behavior: 'WAIT', timeout: Duration.from({ minutes: STOP_TIMEOUT_MINUTES }) },
    }),
  };
}

export function listenCommand(): Command {
  return new Command('listen')
    .description(
      "pull a queue's events with only its credentials document: one JSON line per event on stdout (the structured-mode CloudEvent), acked once written",
    )
    .argument('<name>', 'queue name (must match the credentials document)')
    .argument('<creds-file>', 'the credentials document written by `queues mk-pull`')
    .option(
      '--exec <command>',
      'run a shell command per event, the event JSON on its stdin; ack on exit 0, else it comes again',
    )
    .option('--max-in-flight <n>', 'events handled at once (flow control)', positiveInt, 10)
    .addHelpText(
      'after',
      `
Examples:
  $ eventq queues listen orders orders.json > events.jsonl
  $ eventq queues listen orders orders.json --exec 'jq -e .data.deviceUuid'

Events that do not match the queue's filters are acked without a line. The
command also gets EVENTQ_EVENT_ID, EVENTQ_EVENT_TYPE and EVENTQ_EVENT_SOURCE.
Counts go to stderr when it is a terminal. Ctrl-C finishes in-flight events and exits 0.`,
    )
    .action(async (name: string, file: string, opts: { exec?: string; maxInFlight: number }) => {
      const creds = readCredentialsFile(file);
      if (creds.queue !== name) {
        throw new CliError(
          `${file} is the credentials document of queue "${creds.queue}", not "${name}"`,
          ExitCode.Usage,
        );
      }
      if (creds.emulatorHost) {
        // The Pub/Sub client switches to the emulator by itself when this is set.
        process.env.PUBSUB_EMULATOR_HOST = creds.emulatorHost;
        process.env.METADATA_SERVER_DETECTION ??= 'none';
      }
      const { pubsub, subscription } = openSubscription(
        creds.projectId,
        creds.subscription,
        opts.maxInFlight,
      );
      const status = listenStatus();
      const exec = opts.exec ? execPerEvent(opts.exec) : undefined;
      const consumer = consumeMessages(subscription, {
        filters: creds.filters,
        queue: creds.queue,
        deliver: exec?.deliver ?? printEventLine(process.stdout),
        warn: (line) => status.warn(`eventq: ${line}`),
        onCounts: (counts) => status.update(counts),
      });
      // A second Ctrl-C: stop the commands still running; their events were not acked and come again.
      const abandon = () => {
        exec?.abandon();
        status.end();
        process.exit(130);
      };
      const stop = () => {
        status.say('stopping: finishing in-flight events (Ctrl-C again to abandon them)');
        process.once('SIGINT', abandon);
        process.once('SIGTERM', abandon);
        void consumer.stop();
      };
      // A closed stdout (e.g. `| head -1`) ends listening; the unwritten event is nacked.
      const onStdoutError = () => void consumer.stop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.stdout.on('error', onStdoutError);
      status.say(`listening on ${creds.subscription}; Ctrl-C stops`);
      try {
        await consumer.done;
      } catch (error) {
        throw new CliError((error as Error).message, ExitCode.ApiError);
      } finally {
        status.end();
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          process.off(signal, stop);
          process.off(signal, abandon);
        }
        process.stdout.off('error', onStdoutError);
        await pubsub.close().catch(() => undefined);
      }
    });
}
