// The functions' source archive as the platform's data "archive_file" "source"
// builds it (hashicorp/archive, internal/provider/zip_archiver.go): the files
// under source_dir in filepath.Walk order (names sorted in each directory),
// less those whose path relative to source_dir matches one of `excludes`
// (doublestar.PathMatch: a matching directory is skipped whole, `*` does not
// cross "/", `**` does, dotfiles are not special), symlinks followed, each
// entry with a zero modification time, deflated, and the file's own mode
// unless output_file_mode sets one. The settings are read from the HCL, so the
// tests and the configuration cannot drift apart.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { ZipFile } from 'yazl';
import { type Body, loadModule, REPO_DIR, variableDefaults } from './terraform-config';

export interface ArchiveSettings {
  /** The source_excludes default. */
  readonly excludes: string[];
  /** output_file_mode as a number, or undefined when the file's own mode is kept. */
  readonly fileMode: number | undefined;
  /** The archive body as parsed, for assertions on its wiring. */
  readonly body: Body;
}

export async function archiveSettings(): Promise<ArchiveSettings> {
  const platform = await loadModule('modules/platform');
  const body = platform.data.archive_file!.source!;
  const mode = body.output_file_mode;
  if (mode !== undefined && !/^0[0-7]{3}$/.test(String(mode))) {
    throw new Error(
      `output_file_mode should be an octal literal such as "0644", not ${JSON.stringify(mode)}`,
    );
  }
  return {
    excludes: variableDefaults(platform).source_excludes as string[],
    fileMode: mode === undefined ? undefined : Number.parseInt(String(mode), 8),
    body,
  };
}

/** The paths (relative, with "/") that the archive holds, in its order. */
export function archiveFiles(sourceDir: string, excludes: readonly string[]): string[] {
  const excluded = picomatch(
    excludes.filter((e) => e !== ''),
    { dot: true },
  );
  const files: string[] = [];
  const walk = (dir: string, relative: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const rel = relative ? `${relative}/${name}` : name;
      if (excluded(rel)) continue;
      const full = path.join(dir, name);
      // statSync follows symlinks, as the provider does.
      if (statSync(full).isDirectory()) walk(full, rel);
      else files.push(rel);
    }
  };
  walk(sourceDir, '');
  return files;
}

/** The repository's archive file list, as `terraform apply` would build it today. */
export async function repositoryArchiveFiles(): Promise<string[]> {
  return archiveFiles(REPO_DIR, (await archiveSettings()).excludes);
}

// The DOS time of Go's zero time.Time, which the provider sets on every entry.
const ZERO_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** Zips `files` from `sourceDir` as the provider would, and answers the archive's SHA-256. */
export function zipSha256(
  sourceDir: string,
  files: readonly string[],
  fileMode: number | undefined,
): Promise<string> {
  const zip = new ZipFile();
  for (const file of files) {
    const full = path.join(sourceDir, file);
    const mode = fileMode ?? statSync(full).mode & 0o7777;
    zip.addBuffer(readFileSync(full), file, { mtime: ZERO_TIME, mode: 0o100000 | mode, compress: true });
  }
  zip.end();
  const hash = createHash('sha256');
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => hash.update(chunk));
    zip.outputStream.on('end', () => resolve(hash.digest('hex')));
    zip.outputStream.on('error', reject);
  });
}
