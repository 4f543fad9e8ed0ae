// dispatch's own code must not use the WHATWG fetch API (fetch, Headers,
// Request, Response, FormData): the first use loads undici, ~2.5 MiB more live
// heap for the life of the instance, which V8 turns into ~10 MiB more resident
// memory under load (docs/benchmarks.md, measurement 7). HTTP goes over
// node:http(s). This walks the static imports of our own modules from the
// dispatch entry point; the Google clients, loaded only on the failure paths,
// are not ours to check.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ENTRY = path.join(__dirname, '../../../functions/src/dispatch/index.ts');
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

  it('never use fetch, which would load undici', () => {
    const offenders = modules.filter((file) => WEB_FETCH.test(withoutComments(readFileSync(file, 'utf8'))));
    expect(offenders.map((file) => path.relative(path.join(__dirname, '../../..'), file))).toEqual([]);
  });
});
