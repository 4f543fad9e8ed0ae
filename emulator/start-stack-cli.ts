// `npm start`: runs the local stack in the foreground until Ctrl-C.
import path from 'node:path';
import { type ConsoleLink, consoleLinks } from './console-links';
import { repoRoot } from './repo-root';
import { defaultStackFile } from './stack-info';
import { type RunningStack, startStack } from './start-stack';
import { readTenantsFile } from './tenants-file';

function banner(stack: RunningStack, stackFile: string, links: readonly ConsoleLink[]): string {
  const { info } = stack;
  const tenant = info.tenants[0]!;
  return [
    '',
    'eventq local stack is up',
    `  api        ${info.apiUrl}`,
    `  dispatch   ${info.dispatchUrl}   (pushes arrive through the token relay ${info.relayUrl})`,
    `  Pub/Sub    ${info.pubsubEmulatorHost}   Firestore ${info.firestoreEmulatorHost}`,
    `  tenants    ${info.tenants.map((t) => t.id).join(', ')}`,
    `  token      ${tenant.token}   (tenant ${tenant.id})`,
    `  stack file ${stackFile}`,
    `  logs       ${path.join(repoRoot(), '.eventq', 'logs')}`,
    '',
    'Console (each link works once; `npx eventq console` prints another):',
    ...links.map((l) => `  ${l.tenant.padEnd(10)} ${l.url}`),
    '',
    'Try: npx eventq queues ls   ·   Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const stackFile = defaultStackFile(repoRoot());
  const basePort = process.env.EVENTQ_BASE_PORT ? Number(process.env.EVENTQ_BASE_PORT) : undefined;
  const stack = await startStack({
    tenants: readTenantsFile(),
    stackFile,
    logDir: path.join(repoRoot(), '.eventq', 'logs'),
    basePort,
    progress: (line) => process.stderr.write(`eventq: ${line}\n`),
  });
  process.stdout.write(banner(stack, stackFile, await consoleLinks(stack.info.apiUrl, stack.info.tenants)));
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\neventq: ${signal}: stopping the local stack\n`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `eventq: the local stack did not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
