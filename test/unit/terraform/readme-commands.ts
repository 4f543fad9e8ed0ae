// The shell commands of a README, read as a shell would: ```sh blocks, lines
// joined at a trailing backslash, comments dropped, words split with single
// and double quotes. Enough for the README's terraform, gcloud and jq lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TERRAFORM_DIR } from './terraform-config';

export interface ShellBlock {
  /** The heading the block is under. */
  readonly section: string;
  readonly lines: string[];
}

export function shellBlocks(readme: string): ShellBlock[] {
  const text = readFileSync(path.join(TERRAFORM_DIR, readme), 'utf8');
  const blocks: ShellBlock[] = [];
  let section = '';
  let inBlock: string[] | undefined;
  for (const line of text.split('\n')) {
    if (inBlock) {
      if (line.startsWith('```')) {
        blocks.push({ section, lines: joinContinuations(inBlock) });
        inBlock = undefined;
      } else inBlock.push(line);
    } else if (line.startsWith('```sh')) inBlock = [];
    else if (/^#+ /.test(line)) section = line.replace(/^#+ /, '');
  }
  return blocks;
}

function joinContinuations(lines: string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const line of lines) {
    if (line.endsWith('\\')) pending += `${line.slice(0, -1)} `;
    else {
      out.push(pending + line);
      pending = '';
    }
  }
  return out.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** Splits a command line into words, removing quotes. */
export function words(line: string): string[] {
  const out: string[] = [];
  let word = '';
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unbalanced ${c} in: ${line}`);
      word += line.slice(i + 1, end);
      started = true;
      i = end;
    } else if (c === ' ') {
      if (started) out.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (started) out.push(word);
  return out;
}

export interface TerraformCommand {
  readonly line: string;
  readonly subcommand: string;
  /** -var NAME=VALUE, by name. */
  readonly vars: Record<string, string>;
  readonly targets: string[];
}

export function terraformCommands(blocks: readonly ShellBlock[]): TerraformCommand[] {
  return blocks.flatMap((b) =>
    b.lines
      .filter((l) => l.startsWith('terraform '))
      .map((line) => {
        const w = words(line);
        const vars: Record<string, string> = {};
        const targets: string[] = [];
        for (let i = 2; i < w.length; i++) {
          const arg = w[i]!;
          const value = arg.includes('=') && arg.startsWith('-') ? arg.slice(arg.indexOf('=') + 1) : w[i + 1];
          const flag = arg.split('=')[0];
          if (flag !== '-var' && flag !== '-target') continue;
          if (!arg.includes('=')) i++;
          if (value === undefined) throw new Error(`${flag} without a value: ${line}`);
          if (flag === '-target') targets.push(value);
          else vars[value.slice(0, value.indexOf('='))] = value.slice(value.indexOf('=') + 1);
        }
        return { line, subcommand: w[1]!, vars, targets };
      }),
  );
}

/** An HCL object or list literal of -var (`{version="1"}`, `["a"]`) as a value. */
export function hclLiteral(text: string): unknown {
  if (!/^[[{]/.test(text)) return text;
  return JSON.parse(text.replace(/([{,]\s*)([A-Za-z_]\w*)\s*=/g, '$1"$2":'));
}
