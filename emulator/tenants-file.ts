// The tenants the local stack provisions: emulator/tenants.json, or the file
// that EVENTQ_TENANTS names, of the form [{"id": "acme"}, {"id": "globex"}].
// A tenant may say what its message log keeps, as Terraform's tenants do:
// {"id": "acme", "messageLog": {"level": "failures", "queues": {"audit": "all"}}}.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMessageLogLevels, type TenantMessageLog } from '../functions/src/message-log/log-levels';
import { checkTenantId } from '../functions/src/tenancy/resource-names';
import { repoRoot } from './repo-root';

export interface TenantDefinition {
  readonly id: string;
  readonly messageLog?: TenantMessageLog;
}

export function defaultTenantsFile(): string {
  return process.env.EVENTQ_TENANTS || path.join(repoRoot(), 'emulator', 'tenants.json');
}

export function readTenantsFile(file = defaultTenantsFile()): TenantDefinition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the tenants file ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new Error(`${file} must be a non-empty JSON array like [{"id": "acme"}]`);
  }
  const seen = new Set<string>();
  return parsed.map((entry, i) => {
    const id = (entry as { id?: unknown } | null)?.id;
    try {
      checkTenantId(id);
    } catch (error) {
      throw new Error(`${file}[${i}]: ${(error as Error).message}`);
    }
    if (seen.has(id as string)) throw new Error(`${file}[${i}]: tenant "${String(id)}" is listed twice`);
    seen.add(id as string);
    const messageLog = (entry as { messageLog?: TenantMessageLog }).messageLog;
    if (messageLog === undefined) return { id: id as string };
    // The same checks as dispatch's: a bad level stops the stack here, naming the tenant.
    const where = `${file}[${i}].messageLog`;
    parseMessageLogLevels(messageLog.level === undefined ? {} : { [id as string]: messageLog.level }, where);
    parseMessageLogLevels(messageLog.queues ?? {}, `${where}.queues`);
    return { id: id as string, messageLog };
  });
}
