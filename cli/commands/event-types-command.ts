// `eventq event-types`: the platform's event-type catalog (GET /v1/event-types).
import { Command } from 'commander';
import { apiRequest } from '../api-client';
import { resolveApiTarget } from '../cli-config';
import { printJson, printTable } from '../output';

interface GlobalFlags {
  api?: string;
  token?: string;
  json?: boolean;
}

type EventType = Record<string, unknown> & { type: string };

export function eventTypesCommand(globals: () => GlobalFlags): Command {
  return new Command('event-types')
    .description(
      'list the event types a queue can subscribe to, with their descriptions (--json adds each JSON Schema)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ eventq event-types\n  $ eventq event-types --json | jq \'.[] | select(.type == "DEVICE_FIRST_SEEN") | .schema\'',
    )
    .action(async () => {
      const answer = await apiRequest<{ eventTypes?: EventType[] } | EventType[]>(
        resolveApiTarget(globals()),
        'GET',
        '/v1/event-types',
      );
      const list = Array.isArray(answer) ? answer : (answer?.eventTypes ?? []);
      if (globals().json) printJson(list);
      else printTable(list, ['type', 'category', 'description']);
    });
}
