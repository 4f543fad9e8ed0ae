// Configuration is data: each variable is declared once with its parser and
// default, so that the parsers, the docs and the Terraform parity test all read
// the same list.
import { ConfigError } from '../errors';

export interface ConfigVariable<T> {
  readonly name: string;
  readonly description: string;
  /** Absent means the variable is required (unless it is `optional`). */
  readonly defaultValue?: T;
  /** May be unset, with no default: its value is then undefined. */
  readonly optional?: true;
  /**
   * Set by the platform or the local stack (an emulator's host, the metadata
   * server), never by a deployment: Terraform leaves it alone.
   */
  readonly platform?: true;
  parse(raw: string, name: string): T;
}

export type ConfigSpec = Readonly<Record<string, ConfigVariable<unknown>>>;
export type ConfigOf<S extends ConfigSpec> = {
  readonly [K in keyof S]: S[K] extends ConfigVariable<infer T> ? T : never;
};

/** Reads and checks every variable of a spec at once; a bad or missing value names its variable. */
export function parseConfig<S extends ConfigSpec>(spec: S, env: NodeJS.ProcessEnv): ConfigOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(spec)) {
    const raw = env[variable.name];
    if (raw === undefined || raw === '') {
      if (variable.defaultValue === undefined && !variable.optional)
        problems.push(`${variable.name} is required (${variable.description})`);
      else out[key] = variable.defaultValue;
      continue;
    }
    try {
      out[key] = variable.parse(raw, variable.name);
    } catch (error) {
      problems.push(error instanceof ConfigError ? error.detail : `${variable.name}: ${String(error)}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return out as ConfigOf<S>;
}

/** The names of the variables a spec reads that have no default, i.e. those a deployment must set. */
export function requiredVariables(spec: ConfigSpec): string[] {
  return Object.values(spec)
    .filter((v) => v.defaultValue === undefined && !v.optional)
    .map((v) => v.name);
}

export function allVariables(spec: ConfigSpec): string[] {
  return Object.values(spec).map((v) => v.name);
}

/** The variables a deployment sets: all but those the platform sets. */
export function deployedVariables(spec: ConfigSpec): string[] {
  return Object.values(spec)
    .filter((v) => !v.platform)
    .map((v) => v.name);
}

export function stringVar(name: string, description: string, defaultValue?: string): ConfigVariable<string> {
  return { name, description, defaultValue, parse: (raw) => raw };
}

/** A string that may be unset (undefined then). */
export function optionalStringVar(name: string, description: string): ConfigVariable<string | undefined> {
  return { name, description, optional: true, parse: (raw) => raw };
}

/** The same variable, marked as one the platform sets rather than a deployment. */
export function platformVar<T>(variable: ConfigVariable<T>): ConfigVariable<T> {
  return { ...variable, platform: true };
}

export function urlVar(name: string, description: string, defaultValue?: string): ConfigVariable<string> {
  return {
    name,
    description,
    defaultValue,
    parse(raw, varName) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigError(`${varName} must be an absolute http(s) URL, got "${raw}"`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new ConfigError(`${varName} must be an http(s) URL, got "${raw}"`);
      }
      return raw;
    },
  };
}

export function intVar(
  name: string,
  description: string,
  range: { min: number; max: number },
  defaultValue?: number,
): ConfigVariable<number> {
  return {
    name,
    description,
    defaultValue,
    parse(raw, varName) {
      const value = Number(raw);
      if (!/^-?\d+$/.test(raw.trim()) || value < range.min || value > range.max) {
        throw new ConfigError(
          `${varName} must be an integer from ${range.min} to ${range.max}, got "${raw}"`,
        );
      }
      return value;
    },
  };
}

export function listVar(
  name: string,
  description: string,
  defaultValue?: string[],
): ConfigVariable<string[]> {
  return {
    name,
    description,
    defaultValue,
    parse: (raw) =>
      raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
  };
}

export function jsonVar<T>(
  name: string,
  description: string,
  check: (value: unknown, name: string) => T,
  defaultValue?: T,
): ConfigVariable<T> {
  return {
    name,
    description,
    defaultValue,
    parse(raw, varName) {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw new ConfigError(`${varName} must be JSON`);
      }
      return check(value, varName);
    },
  };
}
