// The eventq command line: tenants' and operators' tasks over the tenant API,
// and the producer's `publish`.
import { Command, CommanderError } from 'commander';
import { EventqError } from '../functions/src/errors';
import { CliError, ExitCode } from './cli-error';
import { devReceiverCommand } from './commands/dev-receiver-command';
import { publishCommand } from './commands/publish-command';
import { queuesCommand } from './commands/queues-command';

export function buildProgram(): Command {
  const program = new Command('eventq')
    .description('eventq: CloudEvents webhook and pull-queue delivery on Google Cloud')
    .option('--api <url>', 'tenant API URL (default: EVENTQ_API_URL, else the running local stack)')
    .option('--token <token>', 'tenant token (default: EVENTQ_TOKEN, else the local stack\'s first tenant)')
    .option('--json', 'print JSON for scripts instead of tables')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      `\nExamples:\n  $ eventq queues mk-push orders https://hooks.example.com/eventq\n  $ eventq publish --tenant acme --type DEVICE_FIRST_SEEN --source /devices/7f3c\n\nExit codes: 0 ok, 1 the API refused (printed as code: detail), 2 usage, 3 no API/token/project or unreachable.`,
    );
  const globals = () => program.opts<{ api?: string; token?: string; json?: boolean }>();
  program.addCommand(queuesCommand(globals));
  program.addCommand(publishCommand(globals));
  program.addCommand(devReceiverCommand());
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
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
      process.stderr.write(`eventq: ${error.code}: ${error.detail}\n`);
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
