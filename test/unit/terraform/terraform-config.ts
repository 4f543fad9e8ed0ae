// Reads terraform/ as data, since no provider can be downloaded on these
// machines: each module's .tf files parsed by @cdktf/hcl2json and merged, plus
// an evaluator for the few expression forms that eventq's modules use for
// names and settings (references, templates, tostring). Anything else is
// refused loudly rather than guessed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';

export const TERRAFORM_DIR = path.resolve(__dirname, '../../../terraform');
export const REPO_DIR = path.resolve(__dirname, '../../..');

export type Body = Record<string, unknown>;

export interface TerraformModule {
  readonly dir: string;
  readonly files: string[];
  readonly variables: Record<string, Body>;
  readonly outputs: Record<string, Body>;
  readonly locals: Body;
  readonly modules: Record<string, Body>;
  /** type → name → body */
  readonly resources: Record<string, Record<string, Body>>;
  readonly data: Record<string, Record<string, Body>>;
}

/** Every directory under terraform/ that holds .tf files. */
export function moduleDirs(root = TERRAFORM_DIR): string[] {
  const dirs: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.endsWith('.tf'))) dirs.push(dir);
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) walk(path.join(dir, e.name));
  };
  walk(root);
  return dirs.sort();
}

function mergeNamed(into: Record<string, Body>, from: unknown, what: string): void {
  for (const [name, bodies] of Object.entries((from ?? {}) as Record<string, Body[]>)) {
    if (name in into) throw new Error(`${what} "${name}" is declared twice`);
    into[name] = bodies[0]!;
  }
}

const cache = new Map<string, Promise<TerraformModule>>();

/** Parses and merges the .tf files of one module directory (relative to terraform/ or absolute). */
export function loadModule(dir: string): Promise<TerraformModule> {
  const abs = path.resolve(TERRAFORM_DIR, dir);
  let loaded = cache.get(abs);
  if (!loaded) {
    loaded = readModule(abs);
    cache.set(abs, loaded);
  }
  return loaded;
}

async function readModule(dir: string): Promise<TerraformModule> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort();
  const module: TerraformModule = {
    dir,
    files,
    variables: {},
    outputs: {},
    locals: {},
    modules: {},
    resources: {},
    data: {},
  };
  for (const file of files) {
    const json = (await parse(file, readFileSync(path.join(dir, file), 'utf8'))) as Record<string, unknown>;
    mergeNamed(module.variables, json.variable, 'variable');
    mergeNamed(module.outputs, json.output, 'output');
    mergeNamed(module.modules, json.module, 'module');
    for (const block of (json.locals ?? []) as Body[]) {
      for (const [name, value] of Object.entries(block)) {
        if (name in module.locals) throw new Error(`local "${name}" is declared twice`);
        module.locals[name] = value;
      }
    }
    for (const [kind, target] of [
      ['resource', module.resources],
      ['data', module.data],
    ] as const) {
      for (const [type, named] of Object.entries((json[kind] ?? {}) as Record<string, unknown>)) {
        target[type] ??= {};
        mergeNamed(target[type], named, `${kind} ${type}`);
      }
    }
  }
  return module;
}

export function resource(module: TerraformModule, type: string, name: string): Body {
  const body = module.resources[type]?.[name];
  if (!body) throw new Error(`${path.relative(TERRAFORM_DIR, module.dir)} declares no ${type}.${name}`);
  return body;
}

/** The single nested block `name` of a body (hcl2json gives blocks as arrays). */
export function block(body: Body, name: string): Body {
  const blocks = body[name];
  if (!Array.isArray(blocks) || blocks.length !== 1) throw new Error(`expected exactly one "${name}" block`);
  return blocks[0] as Body;
}

export function blocks(body: Body, name: string): Body[] {
  const found = body[name];
  return Array.isArray(found) ? (found as Body[]) : [];
}

/** The text of an expression attribute, without its ${ } wrapper. */
export function expressionText(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`expected an expression, got ${JSON.stringify(value)}`);
  const m = /^\$\{([\s\S]*)\}$/.exec(value);
  return m ? m[1]!.trim() : value;
}

/** Every resource of the module as [type, name, body]. */
export function allResources(module: TerraformModule): [string, string, Body][] {
  return Object.entries(module.resources).flatMap(([type, named]) =>
    Object.entries(named).map(([name, body]): [string, string, Body] => [type, name, body]),
  );
}

// ---- variable defaults ------------------------------------------------------

/** The index of the bracket that closes the one opened at `open`, minding quoted strings. */
function closing(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if ('([{'.includes(c!)) depth++;
    else if (')]}'.includes(c!) && --depth === 0) return i;
  }
  throw new Error(`unbalanced brackets in ${text}`);
}

/** Splits at the commas that are outside brackets and strings. */
function topLevelSplit(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ('([{"'.includes(c)) i = c === '"' ? text.indexOf('"', i + 1) : closing(text, i);
    else if (c === ',' || c === '\n') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * The defaults of an object variable's attributes, read from its type
 * (`name = optional(number, 10)`), under the variable's own default. Defaults
 * are literals (numbers, strings, bools, [] and {}); an optional() without a
 * default is null, a required attribute is absent.
 */
export function objectVariableDefaults(variable: Body): Record<string, unknown> {
  const type = expressionText(variable.type);
  const body = /^object\(\{([\s\S]*)\}\)$/.exec(type);
  if (!body) throw new Error(`not an object type: ${type}`);
  const out: Record<string, unknown> = {};
  for (const attribute of topLevelSplit(body[1]!)) {
    const m = /^(\w+)\s*=\s*optional\(([\s\S]*)\)$/.exec(attribute);
    if (!m) continue;
    const [, fallback] = topLevelSplit(m[2]!.replace(/\n/g, ' '));
    out[m[1]!] = fallback === undefined ? null : JSON.parse(fallback);
  }
  return { ...out, ...((variable.default as Record<string, unknown> | undefined) ?? {}) };
}

/** var.* as Terraform would see it with no inputs: defaults, object attribute defaults included. */
export function variableDefaults(module: TerraformModule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(module.variables)) {
    if (!('default' in variable)) continue;
    const isObject = /^\$\{object\(/.test(String(variable.type));
    out[name] = isObject ? objectVariableDefaults(variable) : variable.default;
  }
  return out;
}

// ---- evaluation -------------------------------------------------------------

export interface Scope {
  readonly var: Record<string, unknown>;
  readonly each?: { readonly key: string; readonly value: unknown };
}

/** Splits `a.b["c"][0].d` into ['a', 'b', 'c', '0', 'd']; undefined if it is not a plain reference. */
function referencePath(expr: string): string[] | undefined {
  if (!/^[A-Za-z_][\w-]*((\.[A-Za-z_][\w-]*)|(\["[^"]*"\])|(\[\d+\]))*$/.test(expr)) return undefined;
  return [...expr.matchAll(/[A-Za-z_][\w-]*|\["([^"]*)"\]|\[(\d+)\]/g)].map((m) => m[1] ?? m[2] ?? m[0]);
}

/** Finds the `${...}` spans of a template, minding nested braces and quoted strings. */
function templateParts(text: string): (string | { expr: string })[] {
  const parts: (string | { expr: string })[] = [];
  let i = 0;
  let literal = '';
  while (i < text.length) {
    if (text.startsWith(`$\${`, i)) {
      literal += `\${`;
      i += 3;
    } else if (text.startsWith(`\${`, i)) {
      let depth = 1;
      let j = i + 2;
      let quoted = false;
      for (; j < text.length && depth > 0; j++) {
        const c = text[j];
        if (quoted) {
          if (c === '\\') j++;
          else if (c === '"') quoted = false;
        } else if (c === '"') quoted = true;
        else if (c === '{') depth++;
        else if (c === '}') depth--;
      }
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ expr: text.slice(i + 2, j - 1).trim() });
      i = j;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

export class Evaluator {
  private readonly locals = new Map<string, unknown>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly module: TerraformModule,
    private readonly scope: Scope,
  ) {}

  /** Evaluates an attribute value: literals, objects, lists and templates. */
  value(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.value(v)]));
    }
    if (typeof value !== 'string') return value;
    const parts = templateParts(value);
    const only = parts[0];
    if (parts.length === 1 && typeof only === 'object') return this.expression(only.expr);
    return parts.map((p) => (typeof p === 'string' ? p : String(this.expression(p.expr)))).join('');
  }

  expression(expr: string): unknown {
    const call = /^(\w+)\(([\s\S]*)\)$/.exec(expr);
    if (call?.[1] === 'tostring') return String(this.expression(call[2]!.trim()));
    const join = /^join\(("(?:[^"\\]|\\.)*"),\s*([\s\S]+)\)$/.exec(expr);
    if (join) {
      const list = this.expression(join[2]!.trim());
      if (!Array.isArray(list)) throw new Error(`join of something that is not a list: ${expr}`);
      return list.join(JSON.parse(join[1]!) as string);
    }
    if (/^-?\d+(\.\d+)?$/.test(expr)) return Number(expr);
    if (/^"(?:[^"\\$]|\\.)*"$/.test(expr)) return JSON.parse(expr);
    const ref = referencePath(expr);
    if (!ref) throw new Error(`the test evaluator does not handle the expression: ${expr}`);
    const [root, ...rest] = ref;
    switch (root) {
      case 'var':
        return dig(this.scope.var, rest, expr);
      case 'each':
        if (!this.scope.each) throw new Error(`${expr} outside a for_each`);
        return dig(this.scope.each, rest, expr);
      case 'local':
        return dig({ [rest[0]!]: this.local(rest[0]!) }, rest, expr);
      default:
        return this.resourceAttribute(root!, rest, expr);
    }
  }

  private local(name: string): unknown {
    if (this.locals.has(name)) return this.locals.get(name);
    if (!(name in this.module.locals)) throw new Error(`no local "${name}"`);
    if (this.evaluating.has(name)) throw new Error(`local "${name}" refers to itself`);
    this.evaluating.add(name);
    const v = this.value(this.module.locals[name]);
    this.evaluating.delete(name);
    this.locals.set(name, v);
    return v;
  }

  /** The attributes the provider computes, for the resources the tests follow. */
  private resourceAttribute(type: string, rest: string[], expr: string): unknown {
    const [name, attribute] = rest;
    const body = resource(this.module, type, name!);
    const project = this.value(body.project);
    const own = this.value(body.name);
    const collection: Record<string, string> = {
      google_pubsub_topic: 'topics',
      google_pubsub_subscription: 'subscriptions',
    };
    if (!(type in collection) || 'for_each' in body) {
      throw new Error(`the test evaluator does not follow ${expr}`);
    }
    if (attribute === 'name') return own;
    if (attribute === 'id') return `projects/${project}/${collection[type]}/${own}`;
    throw new Error(`the test evaluator does not know ${expr}`);
  }
}

function dig(from: unknown, pathParts: string[], expr: string): unknown {
  let at: unknown = from;
  for (const part of pathParts) {
    if (at === null || typeof at !== 'object' || !(part in at)) {
      throw new Error(`cannot resolve ${expr}: no "${part}"`);
    }
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

// ---- facts of the code read from its source ---------------------------------

/** The property names of an interface, read from a source file. */
export function interfaceProperties(file: string, interfaceName: string): string[] {
  const source = readFileSync(path.join(REPO_DIR, file), 'utf8');
  const m = new RegExp(`export interface ${interfaceName} \\{([^}]*)\\}`).exec(source);
  if (!m) throw new Error(`${file} declares no interface ${interfaceName}`);
  return [...m[1]!.matchAll(/^\s*(?:readonly\s+)?(\w+)\??:/gm)].map((x) => x[1]!);
}
