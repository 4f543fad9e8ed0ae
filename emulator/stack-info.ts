// .eventq/stack.json (CONTRACT.md): how scripts, tests and the CLI find a
// running local stack.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface StackTenant {
  readonly id: string;
  readonly token: string;
  readonly topic: string;
}

export interface StackInfo {
  readonly projectId: string;
  readonly apiUrl: string;
  readonly dispatchUrl: string;
  readonly pubsubEmulatorHost: string;
  readonly firestoreEmulatorHost: string;
  readonly tenants: readonly StackTenant[];
  /** Where the local token relay serves its certs and takes pushes (not part of the contract). */
  readonly relayUrl: string;
  readonly pid: number;
}

export function defaultStackFile(cwd = process.cwd()): string {
  return process.env.EVENTQ_STACK_FILE || path.join(cwd, '.eventq', 'stack.json');
}

export function readStackInfo(file = defaultStackFile()): StackInfo {
  return JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
}
