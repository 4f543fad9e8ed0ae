// The processes measurements 1 and 7 put under load: the bare forwarder (the
// baseline), this checkout's dispatch, and with `--compare-dispatch` another
// built checkout's dispatch, all served the same way and given the same
// environment, so that only the code differs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from './bench-context';
import { type FunctionProcess, fixtureSource, spawnFunction } from './function-process';

export function spawnForwarder(ctx: BenchContext, name: string): Promise<FunctionProcess> {
  return spawnFunction({
    name,
    target: 'forward',
    source: fixtureSource('bare-forwarder'),
    env: { ...process.env, NODE_ENV: 'production', BENCH_FORWARD_TO: `${ctx.sink.url}/hook` },
    logDir: ctx.logDir,
  });
}

/** dispatch of this checkout, or of `checkout` (another build of eventq); `env` adds to its environment. */
export function spawnDispatch(
  ctx: BenchContext,
  name: string,
  checkout?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<FunctionProcess> {
  return spawnFunction({
    name,
    target: 'dispatch',
    env: { ...ctx.dispatchEnv, ...env },
    logDir: ctx.logDir,
    ...(checkout === undefined ? {} : { checkout }),
  });
}

/**
 * Fails early, before any emulator starts, when `dir` is not a built checkout:
 * the Functions Framework would only say so after its own time-out.
 */
export function assertBuiltCheckout(dir: string): void {
  const entry = path.join(dir, 'dist', 'functions', 'src', 'index.js');
  if (!existsSync(entry)) {
    throw new Error(
      `--compare-dispatch ${dir}: no ${path.relative(dir, entry)}; build it first (cd ${dir} && npm ci && npm run build)`,
    );
  }
}
