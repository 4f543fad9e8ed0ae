// What measurement 7 reads from one process's RSS samples, apart from the
// processes: growth from the early to the late sample, and the last step,
// which tells settling (≈ 1) from a leak (still climbing).

export interface MemorySample {
  /** Deliveries so far (0: serving, before the first). */
  readonly deliveries: number;
  readonly rssMiB: number;
}

export interface MemoryTrace {
  readonly rssMiBAtStart: number;
  readonly rssMiBEarly: number;
  readonly rssMiBLate: number;
  /** rssMiBLate ÷ rssMiBEarly. */
  readonly ratio: number;
  /** Every sample in order: at start, early, the ones between, late. */
  readonly samples: readonly MemorySample[];
  /** Deliveries at the sample before the late one. */
  readonly lastStepFrom: number;
  /** rssMiBLate ÷ RSS at `lastStepFrom`: about 1 once settled, above 1 while growing. */
  readonly lastStepRatio: number;
}

/** `samples` start at 0 deliveries and end at the late checkpoint; one of them is at `early`. */
export function memoryTrace(samples: readonly MemorySample[], early: number): MemoryTrace {
  const earlySample = samples.find((s) => s.deliveries === early);
  if (earlySample === undefined || samples.length < 3) {
    throw new Error(`memory samples lack the one at ${early} deliveries`);
  }
  const late = samples[samples.length - 1]!;
  const beforeLate = samples[samples.length - 2]!;
  return {
    rssMiBAtStart: samples[0]!.rssMiB,
    rssMiBEarly: earlySample.rssMiB,
    rssMiBLate: late.rssMiB,
    ratio: late.rssMiB / earlySample.rssMiB,
    samples,
    lastStepFrom: beforeLate.deliveries,
    lastStepRatio: late.rssMiB / beforeLate.rssMiB,
  };
}

/**
 * dispatch's growth minus the forwarder's: what eventq's own code adds to the
 * heap sizing that any Functions Framework process goes through under load.
 */
export function growthOverForwarder(dispatch: MemoryTrace, forwarder: MemoryTrace): number {
  return dispatch.ratio - forwarder.ratio;
}
