// Measurement 7: resident memory after 1,000 deliveries and after 100,000
// (10,000 with --quick), in one fresh dispatch process and, as the baseline,
// one fresh bare forwarder under the same load and the same sampling. Both
// grow while V8 sizes its heap under load; the target is on the difference of
// their growths, so that only what eventq's own code adds counts. dispatch's
// caches are bounded (verified tokens, queue definitions, delivery tokens), so
// the difference must not keep growing with the number of deliveries.
//
// RSS is also sampled in between (10,000 and 50,000; 5,000 with --quick), which
// tells settling from growth: under sustained load V8 raises its old-generation
// limit to a multiple of the live heap within the first few thousand
// deliveries and then stays there, so a settled process is flat between the
// last samples (`lastStepRatio` ≈ 1), while a leak keeps climbing there.
import { runLoad } from '../load/http-load';
import type { BenchContext } from '../support/bench-context';
import { spawnDispatch, spawnForwarder } from '../support/bench-subjects';
import { type FunctionProcess, residentMiB, waitUntilServing } from '../support/function-process';
import { assertAllAcked, benchPushRequests } from './dispatch-throughput';
import { growthOverForwarder, type MemorySample, type MemoryTrace, memoryTrace } from './memory-trace';

export type { MemorySample } from './memory-trace';

/** dispatch's trace at the top level (the keys bench.json always had), the forwarder's beside it. */
export interface MemoryResult extends MemoryTrace {
  readonly deliveriesEarly: number;
  readonly deliveriesLate: number;
  readonly forwarder: MemoryTrace;
  /** dispatch's ratio minus the forwarder's: the figure with the target. */
  readonly growthOverForwarder: number;
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
  const processes: FunctionProcess[] = [];
  try {
    const forwarder = await spawnForwarder(ctx, 'bench-forwarder-memory');
    processes.push(forwarder);
    const dispatch = await spawnDispatch(ctx, 'bench-dispatch-memory');
    processes.push(dispatch);
    await Promise.all(processes.map(waitUntilServing));
    const subjects = [
      { name: 'forwarder', fn: forwarder, samples: [] as MemorySample[] },
      { name: 'dispatch', fn: dispatch, samples: [] as MemorySample[] },
    ];
    for (const s of subjects) s.samples.push({ deliveries: 0, rssMiB: await residentMiB(s.fn.group.pid) });
    // Checkpoint by checkpoint, one subject then the other, so that the machine's
    // drift over the minute this takes reaches both traces alike.
    for (const deliveries of checkpoints) {
      for (const s of subjects) {
        const result = await runLoad({
          port: s.fn.port,
          requests,
          concurrency: options.concurrency,
          totalRequests: deliveries - s.samples[s.samples.length - 1]!.deliveries,
        });
        assertAllAcked(s.name, result);
        s.samples.push({ deliveries, rssMiB: await residentMiB(s.fn.group.pid) });
      }
    }
    const forwarderTrace = memoryTrace(subjects[0]!.samples, options.memoryEarly);
    const dispatchTrace = memoryTrace(subjects[1]!.samples, options.memoryEarly);
    return {
      ...dispatchTrace,
      deliveriesEarly: options.memoryEarly,
      deliveriesLate: options.memoryLate,
      forwarder: forwarderTrace,
      growthOverForwarder: growthOverForwarder(dispatchTrace, forwarderTrace),
    };
  } finally {
    await Promise.all(processes.map((fn) => fn.group.stop()));
  }
}
