// The functions' runtime against Google's support schedule, and against the
// Node.js that the code is developed and tested on: Cloud Functions refuses to
// create or update a function on a decommissioned runtime, so a deployment
// that names one fails at its first apply.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModule, REPO_DIR, type TerraformModule } from './terraform-config';

/**
 * Node.js runtimes of Cloud Run functions (Cloud Functions 2nd gen), from the
 * "Runtime support schedule" of https://cloud.google.com/run/docs/runtimes/function-runtimes
 * (read 2026-12-01). Deprecated: still deploys, no more patches. Decommissioned:
 * no function can be created or updated on it.
 */
const NODEJS_RUNTIMES: Record<string, { deprecation: string; decommission: string }> = {
  nodejs24: { deprecation: '2028-04-30', decommission: '2028-10-31' },
  nodejs22: { deprecation: '2027-04-30', decommission: '2027-10-31' },
  nodejs20: { deprecation: '2026-04-30', decommission: '2026-10-30' },
  nodejs18: { deprecation: '2025-04-30', decommission: '2025-10-30' },
  nodejs16: { deprecation: '2024-01-30', decommission: '2025-01-30' },
  nodejs14: { deprecation: '2024-01-30', decommission: '2025-01-30' },
  nodejs12: { deprecation: '2024-01-30', decommission: '2025-01-30' },
  nodejs10: { deprecation: '2024-01-30', decommission: '2025-01-30' },
};

/** The Node.js that local machines and CI run, and the tests with them. */
const DEVELOPMENT_NODE_MAJOR = 20;

let platform: TerraformModule;
beforeAll(async () => {
  platform = await loadModule('modules/platform');
});

const runtime = (): string => platform.locals.runtime as string;
const major = (id: string): number => Number(/^nodejs(\d+)$/.exec(id)![1]);

describe('the functions runtime', () => {
  it('is one that the support schedule lists', () => {
    expect(Object.keys(NODEJS_RUNTIMES)).toContain(runtime());
  });

  it('is not decommissioned today, so functions can be created and updated on it', () => {
    const { decommission } = NODEJS_RUNTIMES[runtime()]!;
    const today = new Date().toISOString().slice(0, 10);
    expect({
      runtime: runtime(),
      decommissionedOn: decommission,
      today,
      usable: today < decommission,
    }).toEqual({
      runtime: runtime(),
      decommissionedOn: decommission,
      today,
      usable: true,
    });
  });

  it('is the only runtime the platform names', () => {
    const text = readFileSync(path.join(platform.dir, 'main.tf'), 'utf8');
    expect([...new Set(text.match(/nodejs\d+/g))]).toEqual([runtime()]);
  });

  it("is allowed by package.json's engines, as is the Node.js the code is tested on", () => {
    const { engines } = JSON.parse(readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    // ">=N" is the only form in use; anything else must be read by a person.
    const floor = Number(/^>=\s*(\d+)$/.exec(engines.node)?.[1]);
    expect(floor).toBeLessThanOrEqual(DEVELOPMENT_NODE_MAJOR);
    expect(floor).toBeLessThanOrEqual(major(runtime()));
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(floor);
  });

  it('is the runtime the README names, which also says what the code is tested on', () => {
    const readme = readFileSync(path.join(REPO_DIR, 'terraform/README.md'), 'utf8');
    expect(readme).toContain(`\`${runtime()}\``);
    expect([...new Set(readme.match(/\bnodejs\d+\b/g))]).toEqual([runtime()]);
    expect(readme).toMatch(new RegExp(`tested on Node\\.js ${DEVELOPMENT_NODE_MAJOR}`));
  });
});
