// The READMEs' commands work as typed: every terraform command names only
// variables the example declares, with values its validations accept, and
// targets that exist; and key material is only ever written to a private
// temporary directory, never where archive_file would zip it.
import path from 'node:path';
import {
  hclLiteral,
  type ShellBlock,
  shellBlocks,
  type TerraformCommand,
  terraformCommands,
} from './readme-commands';
import { loadModule, type TerraformModule } from './terraform-config';
import { passes } from './validation-conditions';

const READMES = ['README.md', 'examples/two-tenants/README.md'];

let example: TerraformModule;
let root: TerraformModule;
const blocksOf: Record<string, ShellBlock[]> = {};
const commandsOf: Record<string, TerraformCommand[]> = {};
beforeAll(async () => {
  example = await loadModule('examples/two-tenants');
  root = await loadModule('.');
  for (const readme of READMES) {
    blocksOf[readme] = shellBlocks(readme);
    commandsOf[readme] = terraformCommands(blocksOf[readme]!);
  }
});

/** Follows module.a.module.b.type.name from the example to the resource. */
async function resolves(address: string): Promise<boolean> {
  let module = example;
  const parts = address.split('.');
  while (parts[0] === 'module') {
    const call = module.modules[parts[1]!];
    if (!call) return false;
    module = await loadModule(path.resolve(module.dir, String(call.source)));
    parts.splice(0, 2);
  }
  const [type, name] = parts;
  return module.resources[type!]?.[name!] !== undefined;
}

describe.each(READMES)('the terraform commands of %s', (readme) => {
  it('run in the example, which the README says to cd into', () => {
    expect(commandsOf[readme]!.length).toBeGreaterThan(0);
    if (readme === 'README.md') {
      expect(blocksOf[readme]!.flatMap((b) => b.lines)).toContain('cd terraform/examples/two-tenants');
    }
  });

  it('set only variables that the example declares, with values its validations accept', () => {
    for (const { line, vars } of commandsOf[readme]!) {
      for (const [name, text] of Object.entries(vars)) {
        expect({ line, name, declared: name in example.variables }).toEqual({ line, name, declared: true });
        const value = hclLiteral(text);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          // Each attribute given is one the variable's object type has.
          const type = String(example.variables[name]!.type);
          for (const key of Object.keys(value))
            expect({ line, key, known: type.includes(`${key} `) }).toEqual({ line, key, known: true });
        }
        expect({ line, accepted: passes(example, name, value as Record<string, unknown>) }).toEqual({
          line,
          accepted: true,
        });
        // The example hands these to the root module's variable of the same name, which validates them too.
        if (name in root.variables && name !== 'project_id') {
          const region = example.variables.region!.default;
          expect({ line, root: passes(root, name, value as Record<string, unknown>, { region }) }).toEqual({
            line,
            root: true,
          });
        }
      }
    }
  });

  it('give every plan, apply and destroy the variables that have no default', () => {
    const required = Object.entries(example.variables)
      .filter(([, v]) => !('default' in v))
      .map(([n]) => n);
    // signing_keys: the pinned secret version has no default (signing-key-version.test.ts).
    expect(required.sort()).toEqual(['project_id', 'signing_keys']);
    for (const { line, subcommand, vars } of commandsOf[readme]!) {
      if (!['plan', 'apply', 'destroy'].includes(subcommand)) continue;
      for (const name of required) expect({ line, given: name in vars }).toEqual({ line, given: true });
    }
  });

  it('target only resources that exist', async () => {
    for (const { line, targets } of commandsOf[readme]!) {
      for (const target of targets)
        expect({ line, target, exists: await resolves(target) }).toEqual({ line, target, exists: true });
    }
  });

  it('write key material only into a private temporary directory', () => {
    for (const block of blocksOf[readme]!) {
      const text = block.lines.join('\n');
      const written = [...text.matchAll(/(?<!=)>\s*("?)([^\s"|;&]+)\1/g)]
        .map((m) => m[2]!)
        .filter((f) => f !== '/dev/null');
      const dataFiles = [...text.matchAll(/--data-file=("?)([^\s"]+)\1/g)].map((m) => m[2]!);
      for (const file of [...written, ...dataFiles]) {
        expect({ section: block.section, file }).toEqual({
          section: block.section,
          file: expect.stringMatching(/^\$KEYS_DIR\//),
        });
      }
      if (/\$KEYS_DIR/.test(text)) {
        // Made with mktemp -d (mode 0700, under the system's temporary directory) before use, and removed after the last.
        const first = block.lines.findIndex((l) => l.includes('KEYS_DIR'));
        expect(block.lines[first]).toBe('KEYS_DIR="$(mktemp -d)"');
        const removal = block.lines.indexOf('shred -u "$KEYS_DIR"/*.json && rmdir "$KEYS_DIR"');
        const lastUse = block.lines.findLastIndex((l, i) => i !== removal && l.includes('KEYS_DIR'));
        expect({ section: block.section, removedAfterLastUse: removal > lastUse }).toEqual({
          section: block.section,
          removedAfterLastUse: true,
        });
      }
    }
  });
});

describe('the documented teardown', () => {
  const teardown = (): TerraformCommand[] =>
    terraformCommands(shellBlocks('README.md').filter((b) => b.section === 'Tear down'));

  it('lifts the database protection with an apply, then destroys with the same setting', () => {
    const [apply, destroy] = teardown();
    expect([apply?.subcommand, destroy?.subcommand]).toEqual(['apply', 'destroy']);
    for (const command of [apply!, destroy!]) {
      expect(hclLiteral(command.vars.firestore!)).toEqual({ delete_protected: false });
    }
    expect(destroy!.vars).toEqual(apply!.vars);
  });
});
