// Measurement 7: dispatch's resident memory after 1,000 deliveries and after
// 100,000 (10,000 with --quick), in one fresh process. Its caches are bounded
// (verified tokens, queue definitions, delivery tokens), so the second figure
// must not keep growing with the number of deliveries.
//
// RSS is also sampled in between (10,000 and 50,000; 5,000 with --quick), which
// tells settling from growth: under sustained load V8 raises its old-generation
// limit to a multiple of the live heap within the first few thousand
// deliveries and then stays there, so a settled process is flat between the
// last samples (`lastStepRatio` ≈ 1), while a leak keeps climbing there.
import { runLoad } from '../load/http-load';
import type { BenchContext } from '../support/bench-context';
import { residentMiB, spawnFunction, waitUntilServing } from '../support/function-process';
import { assertAllAcked, benchPushRequests } from './dispatch-throughput';

export interface MemorySample {
  /** Deliveries so far (0: serving, before the first). */
  readonly deliveries: number;
  readonly rssMiB: number;
}

export interface MemoryResult {
  readonly deliveriesEarly: number;
  readonly deliveriesLate: number;
  readonly rssMiBAtStart: number;
  readonly rssMiBEarly: number;
  readonly rssMiBLate: number;
  /** rssMiBLate ÷ rssMiBEarly: the figure with the target. */
  readonly ratio: number;
  /** Every sample in order: at start, early, the ones between, late. */
  readonly samples: readonly MemorySample[];
  /** Deliveries at the sample before the late one. */
  readonly lastStepFrom: number;
  /** rssMiBLate ÷ RSS at `lastStepFrom`: about 1 once settled, above 1 while growing. */
  readonly lastStepRatio: number;
}

export async function measureMemory(ctx: BenchContext): Promise<MemoryResult> {
  const { options } = ctx;
  const checkpoints = [
    options.memoryEarly,
    ...options.memoryBetween.filter((n) => n > options.memoryEarly && n < options.memoryLate),
    options.memoryLate,
  ];
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
    const samples: MemorySample[] = [{ deliveries: 0, rssMiB: await residentMiB(dispatch.group.pid) }];
    for (const deliveries of checkpoints) {
      const result = await runLoad({
        port: dispatch.port,
        requests,
        concurrency: options.concurrency,
        totalRequests: deliveries - samples[samples.length - 1]!.deliveries,
      });
      assertAllAcked('dispatch', result);
      samples.push({ deliveries, rssMiB: await residentMiB(dispatch.group.pid) });
    }
    const at = (deliveries: number) => samples.find((s) => s.deliveries === deliveries)!.rssMiB;
    const late = samples[samples.length - 1]!;
    const beforeLate = samples[samples.length - 2]!;
    return {
      deliveriesEarly: options.memoryEarly,
      deliveriesLate: options.memoryLate,
      rssMiBAtStart: samples[0]!.rssMiB,
      rssMiBEarly: at(options.memoryEarly),
      rssMiBLate: late.rssMiB,
      ratio: late.rssMiB / at(options.memoryEarly),
      samples,
      lastStepFrom: beforeLate.deliveries,
      lastStepRatio: late.rssMiB / beforeLate.rssMiB,
    };
  } finally {
    await dispatch.group.stop();
  }
}
