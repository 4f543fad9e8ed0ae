// The ?inline flag (xRegistry core spec, "Inline Flag"): which nested
// collections, documents and root attributes an answer includes. Paths are
// dot-separated names relative to the entity asked for; "*" as the last part
// means everything below (but never model or capabilities, which are asked
// for by name); a parent of an inlined path is inlined too.
import { badInline } from './registry-errors';
import { GROUP_TYPES } from './registry-model';

/** Where in the hierarchy an entity sits, to know which names may follow it. */
export type Level =
  | { readonly kind: 'root' }
  | { readonly kind: 'group'; readonly groups: string }
  | { readonly kind: 'resource'; readonly groups: string; readonly resources: string }
  | { readonly kind: 'version'; readonly groups: string; readonly resources: string }
  | { readonly kind: 'leaf' };

function next(level: Level, name: string): Level | undefined {
  switch (level.kind) {
    case 'root':
      if (name === 'model' || name === 'capabilities') return { kind: 'leaf' };
      return GROUP_TYPES[name] ? { kind: 'group', groups: name } : undefined;
    case 'group':
      return GROUP_TYPES[level.groups]!.resources[name]
        ? { kind: 'resource', groups: level.groups, resources: name }
        : undefined;
    case 'resource':
    case 'version': {
      const type = GROUP_TYPES[level.groups]!.resources[level.resources]!;
      if (type.hasDocument && name === type.singular) return { kind: 'leaf' };
      if (level.kind === 'version') return undefined;
      if (name === 'meta') return { kind: 'leaf' };
      return name === 'versions' ? { ...level, kind: 'version' } : undefined;
    }
    case 'leaf':
      return undefined;
  }
}

/** The inline paths still to apply below one entity. */
export class InlineSelection {
  private constructor(private readonly paths: readonly (readonly string[])[]) {}

  static readonly NONE = new InlineSelection([]);

  /**
   * Parses the flag's values (Express gives a string, or an array when the flag is repeated), checking
   * each path against the level of the entity asked for.
   */
  static parse(raw: unknown, level: Level, requestPath: string): InlineSelection {
    if (raw === undefined) return InlineSelection.NONE;
    const values = (Array.isArray(raw) ? raw : [raw]).map(String);
    const paths = values
      .flatMap((v) => v.split(','))
      .map((v) => (v.trim() === '' ? '*' : v.trim()))
      .map((v) => v.split('.'));
    for (const path of paths) {
      let at: Level | undefined = level;
      path.forEach((name, i) => {
        if (name === '*') {
          if (i !== path.length - 1)
            throw badInline(requestPath, path.join('.'), '"*" may only be the last part of a path');
          return;
        }
        at = at && next(at, name);
        if (!at)
          throw badInline(requestPath, path.join('.'), `"${name}" is not an inlineable attribute here`);
      });
    }
    return new InlineSelection(paths);
  }

  /** Whether `name` is inlined here; "*" covers all but model and capabilities. */
  has(name: string): boolean {
    return this.paths.some(
      (p) => p[0] === name || (p[0] === '*' && name !== 'model' && name !== 'capabilities'),
    );
  }

  /** The selection that applies inside `name`. */
  below(name: string): InlineSelection {
    return new InlineSelection(
      this.paths.flatMap((p) => (p[0] === '*' ? [p] : p[0] === name && p.length > 1 ? [p.slice(1)] : [])),
    );
  }
}
