// `eventq audit`: the tenant's audit trail, newest first (GET /v1/audit):
// who changed what, when, and whether it completed or failed.
import { Command } from 'commander';
import { apiRequest } from '../api-client';
import { resolveApiTarget } from '../cli-config';
import { printJson, printTable } from '../output';
import { parseSince } from './queue-operations-command';

interface GlobalFlags {
  api?: string;
  token?: string;
  json?: boolean;
}

interface AuditFlags {
  resource?: string;
  type?: string;
  actor?: string;
  since?: string;
  until?: string;
  limit?: string;
  pageToken?: string;
}

type Json = Record<string, unknown>;

function auditQuery(opts: AuditFlags): string {
  const params = new URLSearchParams();
  for (const key of ['resource', 'type', 'actor', 'limit', 'pageToken'] as const) {
    const value = opts[key];
    if (value !== undefined) params.set(key, value);
  }
  if (opts.since !== undefined) params.set('since', parseSince(opts.since));
  if (opts.until !== undefined) params.set('until', parseSince(opts.until));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function auditCommand(globals: () => GlobalFlags): Command {
  return new Command('audit')
    .description("the tenant's audit trail, newest first: every call that changed something")
    .option('--resource <resource>', 'entries about this resource (a queue name, a token id)')
    .option('--type <type>', 'entries of this type, e.g. queue.deleted')
    .option('--actor <id>', 'entries of this actor (a token id, or operator)')
    .option('--since <time>', 'since: RFC 3339 time, or a duration back from now (90m, 6h, 2d)')
    .option('--until <time>', 'before: RFC 3339 time, or a duration back from now')
    .option('--limit <n>', 'how many, newest first (1-200, default 50)')
    .option('--page-token <token>', 'the next, older page: nextPageToken of the previous answer')
    .addHelpText(
      'after',
      "\nAn entry without an outcome is a request; its outcome (completed or failed) names it as parent.\n\nExamples:\n  $ eventq audit --resource orders --since 1d\n  $ eventq audit --type queue.deleted --json | jq '.entries[]'",
    )
    .action(async (opts: AuditFlags) => {
      const answer = await apiRequest<{ entries?: Json[]; nextPageToken?: string }>(
        resolveApiTarget(globals()),
        'GET',
        `/v1/audit${auditQuery(opts)}`,
      );
      if (globals().json) {
        printJson(answer);
        return;
      }
      const rows = (answer?.entries ?? []).map((e) => ({
        ...e,
        outcome: e.outcome ?? 'requested',
        code: (e.detail as Json | undefined)?.code ?? '',
      }));
      printTable(rows, [
        'time',
        'type',
        'resource',
        'outcome',
        'code',
        'actor',
        'actorLabel',
        'id',
        'parent',
      ]);
      if (answer?.nextPageToken) process.stdout.write(`older: --page-token ${answer.nextPageToken}\n`);
    });
}
