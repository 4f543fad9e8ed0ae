// `eventq queues events | event | resend`: a queue's message log (every event
// that reached it, its attempts) and delivering one event again.
import type { Command } from 'commander';
import { apiRequest } from '../api-client';
import { printFields, printJson, printTable } from '../output';
import { terminalSafe } from '../terminal-safe';
import { parseSince, type QueueCommandContext } from './queue-operations-command';

type Json = Record<string, unknown>;

interface SearchFlags {
  status?: string;
  type?: string;
  subject?: string;
  source?: string;
  since?: string;
  until?: string;
  limit?: string;
  pageToken?: string;
}

const eventsPath = (name: string, suffix = '') => `/v1/queues/${encodeURIComponent(name)}/events${suffix}`;

function searchQuery(opts: SearchFlags): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'type', 'subject', 'source', 'limit', 'pageToken'] as const) {
    const value = opts[key];
    if (value !== undefined) params.set(key, value);
  }
  if (opts.since !== undefined) params.set('since', parseSince(opts.since));
  if (opts.until !== undefined) params.set('until', parseSince(opts.until));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The last attempt in a table cell: its status, else its error. */
function lastOutcome(entry: Json): string {
  const last = entry.lastAttempt as Json | undefined;
  if (!last) return '';
  return last.status !== undefined ? String(last.status) : String(last.error ?? '');
}

export function addMessageLogCommands(queues: Command, ctx: QueueCommandContext): void {
  queues
    .command('events')
    .description("list the queue's message log: every event that reached it, newest first")
    .argument('<name>', 'queue name')
    .option('--status <status>', 'delivered, failing, dead-lettered, filtered or invalid')
    .option('--type <type>', 'events of this type')
    .option('--subject <subject>', 'this subject exactly, or a prefix ending in /* (/devices/*)')
    .option('--source <source>', 'events from this source')
    .option('--since <time>', 'published since: RFC 3339 time, or a duration back from now (90m, 6h, 2d)')
    .option('--until <time>', 'published before: RFC 3339 time, or a duration back from now')
    .option('--limit <n>', 'how many, newest first (1-200, default 50)')
    .option('--page-token <token>', 'the next, older page: nextPageToken of the previous answer')
    .addHelpText(
      'after',
      "\nExamples:\n  $ eventq queues events orders --status dead-lettered --since 1d\n  $ eventq queues events orders --subject '/devices/*' --json | jq -r '.events[].webhookId'",
    )
    .action(async (name: string, opts: SearchFlags) => {
      const answer = await apiRequest<{ events?: Json[]; nextPageToken?: string }>(
        ctx.target(),
        'GET',
        eventsPath(name, searchQuery(opts)),
      );
      if (ctx.json()) {
        printJson(answer);
        return;
      }
      const rows = (answer?.events ?? []).map((e) => ({
        ...e,
        attempts: e.attemptCount,
        last: lastOutcome(e),
      }));
      printTable(rows, ['publishTime', 'status', 'type', 'subject', 'attempts', 'last', 'webhookId']);
      if (answer?.nextPageToken) process.stdout.write(`older: --page-token ${answer.nextPageToken}\n`);
    });

  queues
    .command('event')
    .description('show one event of the message log: its attempts and the event itself')
    .argument('<name>', 'queue name')
    .argument('<webhook-id>', 'the webhookId of the entry (from `eventq queues events`)')
    .addHelpText('after', '\nExample:\n  $ eventq queues event orders msg_2b7Xq... --json | jq .event.data')
    .action(async (name: string, webhookId: string) => {
      const answer = await apiRequest<Json>(
        ctx.target(),
        'GET',
        eventsPath(name, `/${encodeURIComponent(webhookId)}`),
      );
      if (ctx.json()) {
        printJson(answer);
        return;
      }
      const { attempts, event, lastAttempt: _last, ...entry } = answer;
      printFields(entry);
      process.stdout.write('\n');
      printTable((attempts as Json[] | undefined) ?? [], [
        'at',
        'attempt',
        'status',
        'error',
        'latencyMs',
        'responseExcerpt',
      ]);
      if (event !== undefined) {
        // JSON.stringify escapes control characters inside strings; each line is made safe besides.
        const lines = JSON.stringify(event, null, 2).split('\n').map(terminalSafe);
        process.stdout.write(`\nevent:\n${lines.join('\n')}\n`);
      }
    });

  queues
    .command('resend')
    .description('deliver one event of the message log to the queue again, with the same webhook-id')
    .argument('<name>', 'queue name')
    .argument('<webhook-id>', 'the webhookId of the entry (from `eventq queues events`)')
    .addHelpText(
      'after',
      '\nExample:\n  $ eventq queues resend orders msg_2b7Xq...\n\nThe new attempt shows in `eventq queues event` once it is made. An event whose data\nthe log did not keep (over 64 KiB) is delivered again with `eventq queues replay`.',
    )
    .action(async (name: string, webhookId: string) => {
      const answer = await apiRequest<Json>(
        ctx.target(),
        'POST',
        eventsPath(name, `/${encodeURIComponent(webhookId)}:resend`),
      );
      if (ctx.json()) printJson(answer);
      else printFields({ queue: name, webhookId: answer?.webhookId ?? webhookId, resend: 'queued' });
    });
}
