// `eventq queues rotate-secret | test | replay | redrive | failures | stats`:
// the operations on one queue beyond create, read and delete.
import type { Command } from 'commander';
import { apiRequest } from '../api-client';
import type { ApiTarget } from '../cli-config';
import { CliError, ExitCode } from '../cli-error';
import { printFields, printJson, printTable } from '../output';

type Json = Record<string, unknown>;

interface RedriveBatch {
  redriven?: number;
  skippedInvalid?: number;
  more?: boolean;
}

export interface QueueCommandContext {
  readonly target: () => ApiTarget;
  readonly json: () => boolean;
}

const queuePath = (name: string, suffix = '') => `/v1/queues/${encodeURIComponent(name)}${suffix}`;

const DURATION = /^(\d+)([smhd])$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--since`: an RFC 3339 time, or a duration back from `now` such as 90m, 6h or 2d. */
export function parseSince(value: string, now = Date.now()): string {
  const duration = DURATION.exec(value);
  if (duration) {
    return new Date(now - Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS]).toISOString();
  }
  if (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) &&
    !Number.isNaN(Date.parse(value))
  ) {
    return value;
  }
  throw new CliError(
    `--since must be an RFC 3339 time (2026-11-22T10:00:00Z) or a duration (90m, 6h, 2d), got ${value}`,
    ExitCode.Usage,
  );
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new CliError(`--grace must be a whole number of seconds, got ${value}`, ExitCode.Usage);
  }
  return n;
}

function show(ctx: QueueCommandContext, answer: Json | undefined, fallback: Json): void {
  if (ctx.json()) printJson(answer ?? fallback);
  else printFields(answer && Object.keys(answer).length > 0 ? answer : fallback);
}

export function addQueueOperations(queues: Command, ctx: QueueCommandContext): void {
  queues
    .command('rotate-secret')
    .description(
      'give a push queue a new signing secret; the old one keeps signing beside it for a grace period',
    )
    .argument('<name>', 'queue name')
    .option(
      '--grace <seconds>',
      "how long the old secret keeps signing (default: the operator's setting)",
      nonNegativeInt,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ eventq queues rotate-secret orders\n  $ eventq queues rotate-secret orders --grace 3600 --json | jq -r .secret\n\nThe new secret (whsec_...) is shown once.',
    )
    .action(async (name: string, opts: { grace?: number }) => {
      const body = opts.grace === undefined ? undefined : { graceSeconds: opts.grace };
      const answer = await apiRequest<Json>(ctx.target(), 'POST', queuePath(name, ':rotate-secret'), body);
      show(ctx, answer, { queue: name });
    });

  queues
    .command('test')
    .description("deliver a test event to a push queue's webhook now and show its answer")
    .argument('<name>', 'queue name')
    .addHelpText('after', '\nExample:\n  $ eventq queues test orders')
    .action(async (name: string) => {
      const answer = await apiRequest<Json>(ctx.target(), 'POST', queuePath(name, ':test'));
      show(ctx, answer, { queue: name });
    });

  queues
    .command('replay')
    .description('deliver again everything published since a time (within the 7-day retention)')
    .argument('<name>', 'queue name')
    .requiredOption('--since <time>', 'RFC 3339 time, or a duration back from now: 90m, 6h, 2d')
    .addHelpText(
      'after',
      '\nExamples:\n  $ eventq queues replay orders --since 2026-11-22T10:00:00Z\n  $ eventq queues replay orders --since 6h',
    )
    .action(async (name: string, opts: { since: string }) => {
      const since = parseSince(opts.since);
      const answer = await apiRequest<Json>(ctx.target(), 'POST', queuePath(name, ':replay'), { since });
      show(ctx, answer, { queue: name, replayingSince: since });
    });

  queues
    .command('redrive')
    .description("move the queue's dead letters back to it, to be delivered again")
    .argument('<name>', 'queue name')
    .addHelpText(
      'after',
      '\nExample:\n  $ eventq queues redrive orders\n\nThe API moves dead letters in batches; this repeats the call until none are left.',
    )
    .action(async (name: string) => {
      const total = { queue: name, redriven: 0, skippedInvalid: 0 };
      let more = true;
      while (more) {
        const batch = await apiRequest<RedriveBatch>(ctx.target(), 'POST', queuePath(name, ':redrive'));
        total.redriven += batch?.redriven ?? 0;
        total.skippedInvalid += batch?.skippedInvalid ?? 0;
        // A batch that moved nothing cannot make progress: stop rather than spin.
        more = batch?.more === true && (batch.redriven ?? 0) > 0;
      }
      show(ctx, total, total);
    });

  queues
    .command('failures')
    .description('list recent failed delivery attempts: event id, type, time, status, error')
    .argument('<name>', 'queue name')
    .option('--limit <n>', 'how many, newest first (1-500, default 50)')
    .option('--page-token <token>', 'the next, older page: nextPageToken of the previous answer')
    .addHelpText(
      'after',
      "\nExamples:\n  $ eventq queues failures orders\n  $ eventq queues failures orders --json | jq -r '.failures[0].error'",
    )
    .action(async (name: string, opts: { limit?: string; pageToken?: string }) => {
      const query = new URLSearchParams({
        ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
        ...(opts.pageToken !== undefined ? { pageToken: opts.pageToken } : {}),
      }).toString();
      const answer = await apiRequest<{ failures?: Json[]; nextPageToken?: string }>(
        ctx.target(),
        'GET',
        queuePath(name, `/failures${query ? `?${query}` : ''}`),
      );
      if (ctx.json()) {
        printJson(answer);
        return;
      }
      printTable(answer?.failures ?? [], ['time', 'eventId', 'type', 'status', 'error']);
      if (answer?.nextPageToken) process.stdout.write(`older: --page-token ${answer.nextPageToken}\n`);
    });

  queues
    .command('stats')
    .description(
      'show counts: delivered, failed attempts, dead-lettered, filtered out, in total and per hour',
    )
    .argument('<name>', 'queue name')
    .option(
      '--since <time>',
      'hours since: RFC 3339 time, or a duration back from now (default 24h, at most 7d)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ eventq queues stats orders\n  $ eventq queues stats orders --since 7d --json | jq .buckets',
    )
    .action(async (name: string, opts: { since?: string }) => {
      const query = opts.since === undefined ? '' : `?from=${encodeURIComponent(parseSince(opts.since))}`;
      const answer = await apiRequest<Json & { buckets?: Json[] }>(
        ctx.target(),
        'GET',
        queuePath(name, `/stats${query}`),
      );
      if (ctx.json() || !answer) {
        show(ctx, answer, { queue: name });
        return;
      }
      const { buckets = [], ...totals } = answer;
      printFields(totals);
      // Only the hours that counted something: a week is 168 rows otherwise.
      const counted = buckets.filter((b) =>
        Object.entries(b).some(([key, n]) => key !== 'start' && typeof n === 'number' && n > 0),
      );
      process.stdout.write(`\n${counted.length} of ${buckets.length} hours counted deliveries:\n`);
      if (counted.length > 0) {
        printTable(counted, ['start', 'delivered', 'failedAttempts', 'deadLettered', 'filteredOut']);
      }
    });
}
