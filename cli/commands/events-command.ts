// `eventq events route`: which of my queues would receive this event, and
// why not the others? (POST /v1/events:route)
import { Command } from 'commander';
import { apiRequest } from '../api-client';
import { resolveApiTarget } from '../cli-config';
import { printJson, printTable } from '../output';
import { readEventOption } from '../sample-event-option';

interface GlobalFlags {
  api?: string;
  token?: string;
  json?: boolean;
}

interface RouteAnswer {
  queues: Array<{ name: string; matches: boolean; refusedBy?: string; reason?: string }>;
}

export function eventsCommand(globals: () => GlobalFlags): Command {
  const events = new Command('events')
    .description("events across the tenant's queues")
    .addHelpText('after', '\nExample:\n  $ eventq events route --event @event.json');
  events
    .command('route')
    .description("which of the tenant's queues would receive an event, and what refused it for the others")
    .requiredOption('--event <json|@file>', 'the event, a structured-mode CloudEvent (JSON, or @file)')
    .addHelpText('after', '\nExample:\n  $ eventq events route --event @event.json')
    .action(async (opts: { event: string }) => {
      const answer = await apiRequest<RouteAnswer>(resolveApiTarget(globals()), 'POST', '/v1/events:route', {
        event: readEventOption(opts.event),
      });
      if (globals().json) {
        printJson(answer.queues);
        return;
      }
      printTable(
        answer.queues.map((q) => ({ ...q, receives: q.matches ? 'yes' : 'no' })),
        ['name', 'receives', 'reason'],
      );
    });
  return events;
}
