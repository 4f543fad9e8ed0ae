// The functions read one pinned version of the signing-key secret, never
// "latest": a new version changes nothing until an apply names it, so a key
// rotation is a deliberate, reviewable step (terraform/README.md, "Rotate the
// signing key"), and an instance that starts later reads the same keys as the
// ones already running.
import { block, blocks, loadModule, resource, type TerraformModule } from './terraform-config';
import { passes } from './validation-conditions';

/** Every module that takes the variable: the platform, the root that passes it on, the example. */
const MODULES = ['modules/platform', '.', 'examples/two-tenants'];

const loaded: Record<string, TerraformModule> = {};
beforeAll(async () => {
  for (const dir of MODULES) loaded[dir] = await loadModule(dir);
});

describe.each(MODULES)('signing_keys of terraform/%s', (dir) => {
  const variable = () => loaded[dir]!.variables.signing_keys!;

  it('has no default version: every apply names the one it deploys', () => {
    expect(String(variable().type)).toMatch(/\bversion\s*=\s*string\b/);
    expect(String(variable().type)).not.toMatch(/\bversion\s*=\s*optional\(/);
    expect(variable()).not.toHaveProperty('default');
  });

  it.each<[string, string, boolean]>([
    ['the first version', '1', true],
    ['a later version', '42', true],
    ['"latest"', 'latest', false],
    ['an alias of latest in another case', 'LATEST', false],
    ['zero (versions start at 1)', '0', false],
    ['a leading zero', '01', false],
    ['a negative number', '-1', false],
    ['a decimal', '1.0', false],
    ['padding', ' 1', false],
    ['nothing', '', false],
    ['a full version name', 'projects/p/secrets/eventq-signing-keys/versions/1', false],
  ])('takes %s (%j): %s', (_what, version, accepted) => {
    expect(passes(loaded[dir]!, 'signing_keys', { version })).toBe(accepted);
  });
});

describe('the functions', () => {
  it.each(['dispatch', 'api'])('%s reads the pinned version of the signing keys', async (name) => {
    const platform = await loadModule('modules/platform');
    const config = block(resource(platform, 'google_cloudfunctions2_function', name), 'service_config');
    const secrets = blocks(config, 'secret_environment_variables');
    expect(secrets.map((s) => [s.key, s.version])).toEqual([
      ['EVENTQ_SIGNING_KEYS', `\${var.signing_keys.version}`],
    ]);
  });
});
