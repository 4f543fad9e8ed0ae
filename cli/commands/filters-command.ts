// `eventq filters test`: would these filters take this event? (POST /v1/filters:test)
import { Command } from 'commander';
import { apiRequest } from '../api-client';
import { resolveApiTarget } from '../cli-config';
import { CliError, ExitCode } from '../cli-error';
import { printFields, printJson, printTable } from '../output';
import { readEventOption, readJsonOption } from '../sample-event-option';

interface GlobalFlags {
  api?: string;
  token?: string;
  json?: boolean;
}

interface FilterTestAnswer {
  matches: boolean;
  refusedBy?: string;
  errors?: Array<{ filter: string; kind: string; detail: string }>;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function filtersCommand(globals: () => GlobalFlags): Command {
  const filters = new Command('filters')
    .description('try out queue filters before using them')
    .addHelpText(
      'after',
      `\nExample:\n  $ eventq filters test --event @event.json --sql "subject LIKE '/devices/%'"`,
    );
  filters
    .command('test')
    .description('test filters against a sample event: matches or not, which filter refused it, sql errors')
    .requiredOption('--event <json|@file>', 'the event, a structured-mode CloudEvent (JSON, or @file)')
    .option('--filter <json>', 'a filter, as in a queue (repeatable; all must match)', collect, [])
    .option(
      '--sql <expression>',
      'shorthand for --filter \'{"sql": "<expression>"}\' (repeatable)',
      collect,
      [],
    )
    .addHelpText(
      'after',
      `\nExamples:\n  $ eventq filters test --event @event.json --sql "type LIKE 'DEVICE_%' AND subject = '/devices/42'"\n  $ eventq filters test --event @event.json --filter '{"prefix":{"subject":"/devices/"}}'`,
    )
    .action(async (opts: { event: string; filter: string[]; sql: string[] }) => {
      const list = [
        ...opts.filter.map((f) => readJsonOption('--filter', f, `'{"prefix":{"type":"DEVICE_"}}'`)),
        ...opts.sql.map((sql) => ({ sql })),
      ];
      if (list.length === 0) throw new CliError('give at least one --filter or --sql', ExitCode.Usage);
      const answer = await apiRequest<FilterTestAnswer>(
        resolveApiTarget(globals()),
        'POST',
        '/v1/filters:test',
        {
          filters: list,
          event: readEventOption(opts.event),
        },
      );
      if (globals().json) {
        printJson(answer);
        return;
      }
      printFields({
        matches: answer.matches ? 'yes' : 'no',
        ...(answer.refusedBy ? { 'refused by': answer.refusedBy } : {}),
      });
      if (answer.errors && answer.errors.length > 0) {
        process.stdout.write('\n');
        printTable(answer.errors, ['filter', 'kind', 'detail']);
      }
    });
  return filters;
}
