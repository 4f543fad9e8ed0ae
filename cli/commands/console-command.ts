// `eventq console`: prints a one-time link that opens the tenant console
// (POST /v1/portal-sessions), and opens nothing else (CONTRACT.md "CLI").
import { Command, InvalidArgumentError } from 'commander';
import { apiRequest } from '../api-client';
import { resolveApiTarget } from '../cli-config';
import { printJson } from '../output';

interface GlobalFlags {
  api?: string;
  token?: string;
  json?: boolean;
}

interface PortalSession {
  readonly url: string;
  readonly expiresAt: string;
  readonly access: string;
}

function seconds(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new InvalidArgumentError('a whole number of seconds, 60 to 604800');
  return Number(raw);
}

export function consoleCommand(globals: () => GlobalFlags): Command {
  return new Command('console')
    .description('print a one-time link that opens the tenant console (a manage session for 1 h by default)')
    .option('--read', 'a read-only session: it can look at everything and change nothing')
    .option('--ttl <seconds>', 'how long the session lasts, 60 s to 7 days', seconds)
    .addHelpText('after', '\nExamples:\n  $ eventq console\n  $ eventq console --read --ttl 86400')
    .action(async (flags: { read?: boolean; ttl?: number }) => {
      const session = await apiRequest<PortalSession>(
        resolveApiTarget(globals()),
        'POST',
        '/v1/portal-sessions',
        {
          access: flags.read ? 'read' : 'manage',
          ...(flags.ttl === undefined ? {} : { ttlSeconds: flags.ttl }),
        },
      );
      if (globals().json) printJson(session);
      else
        process.stdout.write(
          `${session.url}\n  ${session.access} session, until ${session.expiresAt}; the link works once\n`,
        );
    });
}
