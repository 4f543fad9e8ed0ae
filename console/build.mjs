// Builds the tenant console (console/src) into dist/console with esbuild: one
// minified script and one stylesheet, each named by a hash of its content
// (served with a year-long cache), and index.html, which names them (served
// with no-cache). `npm run build` runs it after tsc.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, '..', 'dist', 'console');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.join(outDir, 'assets'), { recursive: true });

const result = await build({
  entryPoints: [path.join(here, 'src', 'main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: path.join(outDir, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
const script = outputs.find((f) => f.endsWith('.js'));
const style = outputs.find((f) => f.endsWith('.css'));
if (!script || !style)
  throw new Error(`console build: expected a .js and a .css output, got ${outputs.join(', ')}`);

const template = readFileSync(path.join(here, 'index.html'), 'utf8');
writeFileSync(
  path.join(outDir, 'index.html'),
  template.replace('%SCRIPT%', `assets/${script}`).replace('%STYLE%', `assets/${style}`),
);
