// The console's built files (dist/console, written by `npm run build`), read
// from disk and gzipped on the first request for /console/, never at cold
// start: an api instance that only answers API calls never touches them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ConsoleFile {
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly contentType: string;
}

/** Relative path ("index.html", "assets/main-3F2A.js") → file; undefined when the console is not built. */
export type ConsoleFiles = ReadonlyMap<string, ConsoleFile> | undefined;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** dist/console beside the compiled functions (dist/functions/src/api/console/ → dist/console). */
export const BUILT_CONSOLE_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'console');

function readTree(dir: string, relative = ''): [string, ConsoleFile][] {
  const files: [string, ConsoleFile][] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const rel = relative ? `${relative}/${name}` : name;
    if (statSync(full).isDirectory()) files.push(...readTree(full, rel));
    else {
      const body = readFileSync(full);
      const contentType = CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream';
      files.push([rel, { body, gzipped: gzipSync(body, { level: 9 }), contentType }]);
    }
  }
  return files;
}

/** Loads the tree once, on first call. */
export function lazyConsoleFiles(dir: string = BUILT_CONSOLE_DIR): () => ConsoleFiles {
  let files: ConsoleFiles | null = null;
  return () => {
    if (files === null) files = existsSync(path.join(dir, 'index.html')) ? new Map(readTree(dir)) : undefined;
    return files;
  };
}
