// Configuration is data: each variable is declared once with its parser and
// default, so that the parsers, the docs and the Terraform parity test all read
// the same list.
import { ConfigError } from '../errors';

export interface ConfigVariable<T> {
  readonly name: string;
  readonly description: string;
  /** Absent means the variable is required. */
  readonly defaultValue?: T;
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
      if (variable.defaultValue === undefined)
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
    .filter((v) => v.defaultValue === undefined)
    .map((v) => v.name);
}

export function allVariables(spec: ConfigSpec): string[] {
  return Object.values(spec).map((v) => v.name);
}

export function stringVar(name: string, description: string, defaultValue?: string): ConfigVariable<string> {
  return { name, description, defaultValue, parse: (raw) => raw };
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
