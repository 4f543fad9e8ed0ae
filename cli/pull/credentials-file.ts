// The pull-queue credentials document on disk: `queues mk-pull` writes it with
// mode 0600, `queues listen` reads it and checks it before any network call.
import { closeSync, fchmodSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import type { PullCredentials } from '../../functions/src/api/queues/pull-credentials';
import type { Filter } from '../../functions/src/filters/filter';
import { validateFilters } from '../../functions/src/filters/validate-filters';
import { CliError, ExitCode } from '../cli-error';

export const CREDENTIALS_TYPE = 'eventq-pull-queue';

/** What `listen` needs from the document; the rest is for people and other clients. */
export interface ListenCredentials {
  readonly projectId: string;
  readonly queue: string;
  readonly subscription: string;
  readonly filters: readonly Filter[];
  readonly emulatorHost?: string;
}

function refuse(file: string, problem: string): never {
  throw new CliError(`${file}: ${problem}`, ExitCode.Usage);
}

export function parseCredentials(file: string, text: string): ListenCredentials {
  let doc: Partial<Record<keyof PullCredentials, unknown>>;
  try {
    doc = JSON.parse(text);
  } catch {
    refuse(file, 'is not JSON; write it with `eventq queues mk-pull <name> <creds-file>`');
  }
  if (typeof doc !== 'object' || doc === null || doc.type !== CREDENTIALS_TYPE) {
    refuse(file, `is not a pull-queue credentials document (type "${CREDENTIALS_TYPE}")`);
  }
  for (const field of ['projectId', 'queue', 'subscription'] as const) {
    if (typeof doc[field] !== 'string' || doc[field] === '')
      refuse(file, `${field}: must be a non-empty string`);
  }
  if (doc.emulatorHost !== undefined && typeof doc.emulatorHost !== 'string') {
    refuse(file, 'emulatorHost: must be a string');
  }
  let filters: Filter[];
  try {
    filters = validateFilters(doc.filters ?? []);
  } catch (error) {
    refuse(file, (error as Error).message);
  }
  return {
    projectId: doc.projectId as string,
    queue: doc.queue as string,
    subscription: doc.subscription as string,
    filters,
    ...(doc.emulatorHost ? { emulatorHost: doc.emulatorHost as string } : {}),
  };
}

export function readCredentialsFile(file: string): ListenCredentials {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`, ExitCode.Usage);
  }
  return parseCredentials(file, text);
}

/**
 * A file opened for the document before the queue is created, so that an
 * unwritable path fails before anything exists that the document would describe.
 */
export interface PendingCredentialsFile {
  write(document: unknown): void;
  /** Removes the file again when nothing was written to it. */
  abandon(): void;
}

export function openCredentialsFile(file: string): PendingCredentialsFile {
  let fd: number;
  try {
    fd = openSync(file, 'w', 0o600);
    // An existing file keeps its mode on open: narrow it before anything is written.
    fchmodSync(fd, 0o600);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as Error).message}`, ExitCode.Usage);
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(document) {
      writeSync(fd, `${JSON.stringify(document, null, 2)}\n`);
      close();
    },
    abandon() {
      if (!open) return;
      close();
      unlinkSync(file);
    },
  };
}
