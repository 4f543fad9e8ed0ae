// Measurement 7: dispatch's resident memory after 1,000 deliveries and after
// 100,000 (10,000 with --quick), in one fresh process. Its caches are bounded
// (verified tokens, queue definitions, delivery tokens), so the second figure
// must not keep growing with the number of deliveries.
import { runLoad } from '../load/http-load';
import type { BenchContext } from '../support/bench-context';
import { residentMiB, spawnFunction, waitUntilServing } from '../support/function-process';
import { assertAllAcked, benchPushRequests } from './dispatch-throughput';

export interface MemoryResult {
  readonly deliveriesEarly: number;
  readonly deliveriesLate: number;
  readonly rssMiBAtStart: number;
  readonly rssMiBEarly: number;
  readonly rssMiBLate: number;
  readonly ratio: number;
}

export async function measureMemory(ctx: BenchContext): Promise<MemoryResult> {
  const { options } = ctx;
  // Every delivery a distinct event, as in production.
  const requests = await benchPushRequests(ctx, 'mem', 5_000);
  const dispatch = await spawnFunction({
    name: 'bench-dispatch-memory',
    target: 'dispatch',
    env: ctx.dispatchEnv,
    logDir: ctx.logDir,
  });
  try {
    await waitUntilServing(dispatch);
    const rssMiBAtStart = await residentMiB(dispatch.group.pid);
    const early = await runLoad({
      port: dispatch.port,
      requests,
      concurrency: options.concurrency,
      totalRequests: options.memoryEarly,
    });
    assertAllAcked('dispatch', early);
    const rssMiBEarly = await residentMiB(dispatch.group.pid);
    const late = await runLoad({
      port: dispatch.port,
      requests,
      concurrency: options.concurrency,
      totalRequests: options.memoryLate - options.memoryEarly,
    });
    assertAllAcked('dispatch', late);
    const rssMiBLate = await residentMiB(dispatch.group.pid);
    return {
      deliveriesEarly: options.memoryEarly,
      deliveriesLate: options.memoryLate,
      rssMiBAtStart,
      rssMiBEarly,
      rssMiBLate,
      ratio: rssMiBLate / rssMiBEarly,
    };
  } finally {
    await dispatch.group.stop();
  }
}
