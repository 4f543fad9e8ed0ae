// The eventq command line: tenants' and operators' tasks over the tenant API,
// and the producer's `publish`.
import { Command, CommanderError } from 'commander';
import { EventqError } from '../functions/src/errors';
import { CliError, ExitCode } from './cli-error';
import { auditCommand } from './commands/audit-command';
import { consoleCommand } from './commands/console-command';
import { devReceiverCommand } from './commands/dev-receiver-command';
import { eventTypesCommand } from './commands/event-types-command';
import { eventsCommand } from './commands/events-command';
import { filtersCommand } from './commands/filters-command';
import { publishCommand } from './commands/publish-command';
import { queuesCommand } from './commands/queues-command';
import { tenantsCommand } from './commands/tenants-command';
import { terminalSafe } from './terminal-safe';

const HELP_FOOTER = `
Examples:
  $ eventq queues mk-push orders https://hooks.example.com/eventq --type DEVICE_FIRST_SEEN
  $ eventq queues mk-pull audit audit.json && eventq queues listen audit audit.json
  $ eventq --json queues ls
  $ eventq publish --tenant acme --type DEVICE_FIRST_SEEN --source /devices/7f3c
  $ eventq filters test --event @event.json --sql "subject LIKE '/devices/%'"
  $ eventq events route --event @event.json
  $ eventq console

Configuration: --api/--token, else EVENTQ_API_URL/EVENTQ_TOKEN, else the running
local stack's .eventq/stack.json (EVENTQ_STACK_FILE) and its first tenant.

Exit codes:
  0  ok
  1  the API refused (printed as "code: detail"), or a pull stream ended
  2  usage: a bad argument, flag, event or credentials file
  3  no API, token or project found, or the API could not be reached`;

function exitOverrideAll(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideAll(sub);
}

export function buildProgram(): Command {
  const program = new Command('eventq')
    .description('eventq: CloudEvents webhook and pull-queue delivery on Google Cloud')
    .option('--api <url>', 'tenant API URL (default: EVENTQ_API_URL, else the running local stack)')
    .option('--token <token>', "tenant token (default: EVENTQ_TOKEN, else the local stack's first tenant)")
    .option('--json', 'print JSON for scripts instead of tables')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText('after', HELP_FOOTER);
  const globals = () => program.opts<{ api?: string; token?: string; json?: boolean }>();
  program.addCommand(queuesCommand(globals));
  program.addCommand(eventTypesCommand(globals));
  program.addCommand(filtersCommand(globals));
  program.addCommand(eventsCommand(globals));
  program.addCommand(publishCommand(globals));
  program.addCommand(tenantsCommand(globals));
  program.addCommand(auditCommand(globals));
  program.addCommand(consoleCommand(globals));
  program.addCommand(devReceiverCommand(globals));
  exitOverrideAll(program);
  return program;
}

export async function main(argv = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; commander already printed the usage error.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`eventq: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof EventqError) {
      process.stderr.write(`eventq: ${error.code}: ${terminalSafe(error.detail)}\n`);
      return ExitCode.Usage;
    }
    process.stderr.write(`eventq: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.ApiError;
  }
}

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
