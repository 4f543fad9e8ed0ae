// The source archive's hash names the object both functions are built from:
// it must change with the code, and with nothing else (another checkout,
// another umask, an edit to the docs, the examples or CI).
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type ArchiveSettings,
  archiveFiles,
  archiveSettings,
  repositoryArchiveFiles,
  zipSha256,
} from './source-archive';
import { REPO_DIR } from './terraform-config';

let settings: ArchiveSettings;
let files: string[];
beforeAll(async () => {
  settings = await archiveSettings();
  files = await repositoryArchiveFiles();
});

/** A copy of the archive's files as a checkout under `umask` would write them. */
function checkout(umask: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `eventq-checkout-${umask.toString(8)}-`));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(REPO_DIR, file), path.join(dir, file));
    chmodSync(path.join(dir, file), 0o666 & ~umask);
  }
  return dir;
}

/**
 * What the functions' build reads: the package manifest and lock, the
 * TypeScript configuration, the functions' source, and the console's sources,
 * which `npm run build` bundles (console/build.mjs) for the api to serve.
 */
function buildInputs(): (file: string) => boolean {
  const pkg = JSON.parse(readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as { main: string };
  const tsconfig = JSON.parse(readFileSync(path.join(REPO_DIR, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { outDir: string };
  };
  // dist/functions/src/index.js is compiled from functions/src/: the package main's source tree.
  const sourceTree = path.posix.dirname(path.posix.relative(tsconfig.compilerOptions.outDir, pkg.main));
  const manifests = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
  return (file) =>
    manifests.includes(file) || file.startsWith(`${sourceTree}/`) || file.startsWith('console/');
}

describe('the source archive', () => {
  it('is built from the repository with the excludes and file mode read here', () => {
    expect(settings.body.source_dir).toBe(`\${local.source_dir}`);
    expect(settings.body.excludes).toBe(`\${var.source_excludes}`);
    expect(settings.body.type).toBe('zip');
  });

  it('holds the package manifest, its lock and the entry point', () => {
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'functions/src/index.ts']),
    );
  });

  it('holds nothing but what the build reads', () => {
    const isInput = buildInputs();
    expect(files.filter((f) => !isInput(f))).toEqual([]);
  });

  it.each([
    'README.md',
    'terraform/README.md',
    'terraform/examples/two-tenants/main.tf',
    'examples/pull-consumer/README.md',
    '.ci/run',
    'docs/architecture.md',
    'test/unit/terraform/source-archive.test.ts',
    'cli/index.ts',
    'biome.json',
    'node_modules/jose/package.json',
    'dist/functions/src/index.js',
    'terraform/examples/two-tenants/terraform.tfstate',
    '.eventq/stack.json',
  ])('leaves out %s, so that editing it rebuilds nothing', (file) => {
    expect(archiveFiles(REPO_DIR, settings.excludes)).not.toContain(file);
    // Also when the file is not in this checkout: the excludes, not the tree, leave it out.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eventq-exclude-'));
    try {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), 'x');
      writeFileSync(path.join(dir, 'package.json'), '{}');
      expect(archiveFiles(dir, settings.excludes)).toEqual(['package.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets one file mode on every entry', () => {
    expect(settings.fileMode).toBe(0o644);
  });

  it('has the same hash from checkouts under different umasks', async () => {
    const [a, b] = [checkout(0o022), checkout(0o077)];
    try {
      // The checkouts differ in the way that matters (0644 and 0600): without
      // output_file_mode the hashes would differ ...
      expect(await zipSha256(a, files, undefined)).not.toBe(await zipSha256(b, files, undefined));
      // ... with it they are the same.
      expect(await zipSha256(a, files, settings.fileMode)).toBe(await zipSha256(b, files, settings.fileMode));
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  it('changes its hash when the code changes', async () => {
    const dir = checkout(0o022);
    try {
      const before = await zipSha256(dir, files, settings.fileMode);
      writeFileSync(path.join(dir, 'functions/src/index.ts'), '\n', { flag: 'a' });
      expect(await zipSha256(dir, files, settings.fileMode)).not.toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
