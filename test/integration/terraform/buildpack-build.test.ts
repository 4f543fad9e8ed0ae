// Builds the functions from exactly the files of the source archive, as
// Google's Node.js buildpack does (GoogleCloudPlatform/buildpacks,
// cmd/nodejs/npm/lib/lib.go): in an empty directory, `npm ci` with
// NODE_ENV=development (there is a build script), then `npm run gcp-build`,
// then `npm prune --production`; then loads the package main with the
// production dependencies only, and finds there each function that a
// Terraform entry_point names.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { repositoryArchiveFiles } from '../../unit/terraform/source-archive';
import {
  block,
  blocks,
  Evaluator,
  loadModule,
  REPO_DIR,
  resource,
  type TerraformModule,
  variableDefaults,
} from '../../unit/terraform/terraform-config';

// Each step: npm ci (from the npm cache where it can; ~30 s on an idle
// machine, minutes on a busy one), a TypeScript build, the prune.
const BUILD_TIMEOUT_MS = 300_000;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_MS,
    env: { ...process.env, ...env },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

const FUNCTION = 'google_cloudfunctions2_function';
const URL_BASE = 'https://europe-west1-my-project.cloudfunctions.net';

/**
 * Values for what the test evaluator cannot compute (provider-computed
 * attributes, joins), as a deployment in my-project, europe-west1 gets them.
 */
const DEPLOYED: Record<string, string> = {
  EVENTQ_API_URL: `${URL_BASE}/eventq-api`,
  EVENTQ_PUSH_ENDPOINT: `${URL_BASE}/eventq-dispatch`,
  EVENTQ_PUSH_AUDIENCE: `${URL_BASE}/eventq-dispatch`,
  EVENTQ_PUSH_SERVICE_ACCOUNT: 'eventq-push@my-project.iam.gserviceaccount.com',
  EVENTQ_SINK_ALLOWLIST: '',
  // No tenants by default, so no level differs from `all`; the map itself is checked against
  // the local stack's with `terraform console` (test/unit/terraform/message-log.test.ts).
  EVENTQ_MESSAGE_LOG_LEVELS: '{}',
};

/** The environment Terraform gives the function: every variable it sets, with the value it would have. */
async function deployedEnv(platform: TerraformModule, name: string): Promise<Record<string, string>> {
  const config = block(resource(platform, FUNCTION, name), 'service_config');
  const evaluator = new Evaluator(platform, {
    var: { ...variableDefaults(platform), project_id: 'my-project' },
  });
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.environment_variables as Record<string, unknown>)) {
    if (key in DEPLOYED) env[key] = DEPLOYED[key]!;
    else env[key] = String(evaluator.value(value));
  }
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  for (const secret of blocks(config, 'secret_environment_variables')) {
    env[secret.key as string] = JSON.stringify([
      { ...(await exportJWK(privateKey)), kid: 'key-1', alg: 'ES256' },
    ]);
  }
  return env;
}

describe('the functions built from the source archive, as the buildpack builds them', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'eventq-buildpack-'));
    for (const file of await repositoryArchiveFiles()) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      copyFileSync(path.join(REPO_DIR, file), path.join(dir, file));
    }
    const npmEnv = { NODE_ENV: 'development', npm_config_update_notifier: 'false' };
    run('npm', ['ci', '--quiet', '--no-fund', '--no-audit', '--prefer-offline'], dir, npmEnv);
    run('npm', ['run', 'gcp-build'], dir, npmEnv);
    run('npm', ['prune', '--production', '--quiet', '--no-fund', '--no-audit'], dir, {
      NODE_ENV: 'production',
    });
  }, 3 * BUILD_TIMEOUT_MS);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['dispatch', 'api'])(
    'exports %s from the package main, loadable with the environment Terraform gives it',
    async (name) => {
      const platform = await loadModule('modules/platform');
      const entryPoint = block(resource(platform, FUNCTION, name), 'build_config').entry_point as string;
      expect(entryPoint).toBe(name);
      // A fresh Node, as the Functions Framework starts: require the package main, read the export.
      const probe = `
        const main = require(require('node:path').resolve(require('./package.json').main));
        process.stdout.write(typeof main[${JSON.stringify(entryPoint)}]);
      `;
      const env = { ...(await deployedEnv(platform, name)), METADATA_SERVER_DETECTION: 'none' };
      expect(run(process.execPath, ['-e', probe], dir, env)).toBe('function');
    },
  );

  it('loads the Functions Framework from the production dependencies', () => {
    const probe = `process.stdout.write(require.resolve('@google-cloud/functions-framework'))`;
    expect(run(process.execPath, ['-e', probe], dir)).toContain(path.join(dir, 'node_modules'));
  });

  it('keeps no development dependency', () => {
    const probe = `try { require.resolve('typescript'); process.stdout.write('present') } catch { process.stdout.write('pruned') }`;
    expect(run(process.execPath, ['-e', probe], dir)).toBe('pruned');
  });
});
