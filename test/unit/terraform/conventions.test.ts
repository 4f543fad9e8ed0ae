// The conventions of terraform-google-modules, checked on every module and
// example under terraform/: the four standard files, typed and described
// variables, described outputs, for_each rather than count for collections.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  allResources,
  expressionText,
  loadModule,
  moduleDirs,
  TERRAFORM_DIR,
  type TerraformModule,
} from './terraform-config';

const dirs = moduleDirs().map((d) => path.relative(TERRAFORM_DIR, d) || '.');

describe('terraform/', () => {
  it('holds the root module, the platform and tenant modules and the two-tenants example', () => {
    expect(dirs).toEqual(
      expect.arrayContaining(['.', 'modules/platform', 'modules/tenant', 'examples/two-tenants']),
    );
  });

  it('documents itself and the example in a README', () => {
    for (const readme of ['README.md', 'examples/two-tenants/README.md']) {
      expect(existsSync(path.join(TERRAFORM_DIR, readme))).toBe(true);
    }
  });
});

describe.each(dirs)('the module in terraform/%s', (dir) => {
  let module: TerraformModule;
  beforeAll(async () => {
    module = await loadModule(dir);
  });

  it('has main.tf, variables.tf, outputs.tf and versions.tf', () => {
    expect(module.files).toEqual(
      expect.arrayContaining(['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']),
    );
  });

  it('types and describes every variable', () => {
    for (const [name, variable] of Object.entries(module.variables)) {
      expect({ name, typed: typeof variable.type === 'string' }).toEqual({ name, typed: true });
      expect({ name, described: String(variable.description ?? '').length > 10 }).toEqual({
        name,
        described: true,
      });
    }
  });

  it('describes every output', () => {
    for (const [name, output] of Object.entries(module.outputs)) {
      expect({ name, described: String(output.description ?? '').length > 10 }).toEqual({
        name,
        described: true,
      });
    }
  });

  it('uses count only for a resource that exists or not, never to make several', () => {
    for (const [type, name, body] of allResources(module)) {
      if (!('count' in body)) continue;
      expect({ resource: `${type}.${name}`, count: expressionText(body.count) }).toEqual({
        resource: `${type}.${name}`,
        count: expect.stringMatching(/\? 1 : 0$/),
      });
    }
  });
});

describe('the root module', () => {
  it('takes every platform input with the same type, description and validations', async () => {
    const [root, platform] = await Promise.all([loadModule('.'), loadModule('modules/platform')]);
    for (const [name, variable] of Object.entries(platform.variables)) {
      expect({ name, variable: root.variables[name] }).toEqual({ name, variable });
      expect(root.modules.platform![name]).toBe(`\${var.${name}}`);
    }
  });
});

describe('terraform/README.md', () => {
  const readme = () => readFileSync(path.join(TERRAFORM_DIR, 'README.md'), 'utf8');

  it.each([
    'Inputs',
    'Outputs',
    'Prerequisites',
    'Deploy',
    'Add a tenant',
    'Rotate the signing key',
    'Tear down',
    'static queue',
    'Why the subscription grants are project-wide',
  ])('has a section on %s', (heading) => {
    expect(readme()).toMatch(new RegExp(`^#+ .*${heading}`, 'im'));
  });

  it('lists every input of the root module in its inputs table', async () => {
    const root = await loadModule('.');
    for (const name of Object.keys(root.variables)) expect(readme()).toContain(`| \`${name}\``);
  });

  it('lists every output of the root module in its outputs table', async () => {
    const root = await loadModule('.');
    for (const name of Object.keys(root.outputs)) expect(readme()).toContain(`| \`${name}\``);
  });
});
