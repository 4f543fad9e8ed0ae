// What waits for what in a parsed module: the references of each resource,
// data source and output (in its attributes or its depends_on), followed
// through locals, as Terraform orders its graph.
import type { Body, TerraformModule } from './terraform-config';

/** `type.name` of a resource, `data.type.name` of a data source. */
export type Address = string;

const REFERENCE = /\b(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g;
const LOCAL = /\blocal\.([A-Za-z_][\w]*)/g;

/** The body of a resource or data source by its address. */
export function bodyAt(module: TerraformModule, address: Address): Body | undefined {
  const [first, second, third] = address.split('.');
  return first === 'data' ? module.data[second!]?.[third!] : module.resources[first!]?.[second!];
}

/** Every resource and data source of the module. */
export function addresses(module: TerraformModule): Address[] {
  return [
    ...Object.entries(module.resources).flatMap(([type, named]) =>
      Object.keys(named).map((n) => `${type}.${n}`),
    ),
    ...Object.entries(module.data).flatMap(([type, named]) =>
      Object.keys(named).map((n) => `data.${type}.${n}`),
    ),
  ];
}

/** The resources and data sources a body refers to, directly or through locals. */
export function references(
  module: TerraformModule,
  body: unknown,
  seenLocals = new Set<string>(),
): Set<Address> {
  const text = JSON.stringify(body);
  const found = new Set<Address>();
  for (const [, data, type, name] of text.matchAll(REFERENCE)) {
    const address = `${data ?? ''}${type}.${name}`;
    if (bodyAt(module, address)) found.add(address);
  }
  for (const [, name] of text.matchAll(LOCAL)) {
    if (seenLocals.has(name!) || !(name! in module.locals)) continue;
    seenLocals.add(name!);
    for (const a of references(module, module.locals[name!], seenLocals)) found.add(a);
  }
  return found;
}

/** Whether `from` (an address, or a body such as an output's) waits for `target`, however indirectly. */
export function waitsFor(module: TerraformModule, from: Address | Body, target: Address): boolean {
  const seen = new Set<Address>();
  const queue = [...references(module, typeof from === 'string' ? bodyAt(module, from) : from)];
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (next === target) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...references(module, bodyAt(module, next)));
  }
  return false;
}

/** Whether a body uses var.<name>, directly or through locals. */
export function usesVariable(
  module: TerraformModule,
  body: unknown,
  name: string,
  seen = new Set<string>(),
): boolean {
  const text = JSON.stringify(body);
  if (new RegExp(`\\bvar\\.${name}\\b`).test(text)) return true;
  return [...text.matchAll(LOCAL)].some(([, local]) => {
    if (seen.has(local!) || !(local! in module.locals)) return false;
    seen.add(local!);
    return usesVariable(module, module.locals[local!], name, seen);
  });
}
