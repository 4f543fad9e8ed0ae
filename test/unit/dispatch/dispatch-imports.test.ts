// dispatch's own code must not use the WHATWG fetch API (fetch, Headers,
// Request, Response, FormData): the first use loads undici, ~2.5 MiB more live
// heap for the life of the instance, which V8 turns into ~10 MiB more resident
// memory under load (docs/benchmarks.md, measurement 7). HTTP goes over
// node:http(s). This walks the static imports of our own modules from the
// dispatch entry point; the Google clients, loaded only on the failure paths,
// are not ours to check, but they must stay there: no module of dispatch may
// import one at load (its first use requires it), since loading
// @google-cloud/firestore alone costs a cold start ~180 ms.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ENTRY = path.join(__dirname, '../../../functions/src/dispatch/index.ts');
/** The statements that import a Google client library. */
const GOOGLE_CLIENT_IMPORT = /^import\s+([^;]*?)\s+from\s+'@google-cloud\/[^']+'/gm;

/** Whether an import clause brings in values, i.e. is not erased when compiled (`import type`, or only `type` specifiers). */
function importsValues(clause: string): boolean {
  if (clause.startsWith('type ')) return false;
  const named = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!named) return true; // a default or namespace import
  return named[1]!
    .split(',')
    .map((specifier) => specifier.trim())
    .some((specifier) => specifier !== '' && !specifier.startsWith('type '));
}

const WEB_FETCH = /\bfetch\s*\(|\bnew\s+(Headers|Request|Response|FormData)\s*\(/;

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** Our modules that `entry` loads, following relative imports that are not type-only. */
function staticImports(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = withoutComments(readFileSync(file, 'utf8'));
    for (const match of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gm)) {
      const base = path.resolve(path.dirname(file), match[1]!);
      const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (resolved) pending.push(resolved);
    }
  }
  return [...seen];
}

describe("dispatch's modules", () => {
  const modules = staticImports(ENTRY);

  it('are found by following the imports', () => {
    expect(modules.map((m) => path.basename(m))).toEqual(
      expect.arrayContaining(['index.ts', 'handle-push.ts', 'stats-store.ts', 'post-to-sink.ts']),
    );
  });

  it('load no Google client library at start: each requires its own on first use', () => {
    const offenders = modules.filter((file) =>
      [...withoutComments(readFileSync(file, 'utf8')).matchAll(GOOGLE_CLIENT_IMPORT)].some((m) =>
        importsValues(m[1]!),
      ),
    );
    expect(offenders.map((file) => path.relative(path.join(__dirname, '../../..'), file))).toEqual([]);
  });

  it('never use fetch, which would load undici', () => {
    const offenders = modules.filter((file) => WEB_FETCH.test(withoutComments(readFileSync(file, 'utf8'))));
    expect(offenders.map((file) => path.relative(path.join(__dirname, '../../..'), file))).toEqual([]);
  });
});
