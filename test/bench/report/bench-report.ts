// The outcome of a run: the table printed to the terminal, and
// .eventq/bench.json with the keys of CONTRACT.md plus the other figures.
import os from 'node:os';
import type { ValidationResult } from '../measurements/cloudevent-validation';
import type { ColdStartResult } from '../measurements/cold-start';
import type { ThroughputResult } from '../measurements/dispatch-throughput';
import type { EndToEndResult } from '../measurements/end-to-end';
import type { FanOutResult } from '../measurements/fan-out';
import type { MemoryResult } from '../measurements/memory';
import type { TokenVerificationResult } from '../measurements/token-verification';
import { round } from '../support/stats';

export interface BenchResults {
  readonly quick: boolean;
  readonly durationSeconds: number;
  readonly throughput: ThroughputResult;
  readonly coldStart: ColdStartResult;
  readonly endToEnd: EndToEndResult;
  readonly fanOut: FanOutResult;
  readonly tokens: TokenVerificationResult & {
    readonly relayMintedTokens: number;
    readonly relayedEvents: number;
  };
  readonly validation: ValidationResult;
  readonly memory: MemoryResult;
}

/**
 * Memory may grow this much from 1,000 to 100,000 deliveries: V8's heap settling
 * (its old-generation limit rises under sustained load), not a leak.
 */
export const MEMORY_RATIO_TARGET = 1.25;

export interface Row {
  readonly measurement: string;
  readonly baseline: string;
  readonly eventq: string;
  readonly result: string;
  readonly target: string;
  /** undefined: reported, no target. */
  readonly met: boolean | undefined;
}

const ms = (v: number) => `${round(v, v < 10 ? 2 : 1)} ms`;
const x = (v: number) => `${round(v, 2)}×`;
const perSecond = (v: number) => `${Math.round(v).toLocaleString('en-US')}/s`;
const thousands = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

/** The late RSS, then the samples between early and late: "131.5 MiB (10k: 131.3, 50k: 134.6)". */
function memoryLate(m: MemoryResult): string {
  const between = m.samples
    .filter((s) => s.deliveries > m.deliveriesEarly && s.deliveries < m.deliveriesLate)
    .map((s) => `${thousands(s.deliveries)}: ${s.rssMiB.toFixed(1)}`);
  return `${m.rssMiBLate.toFixed(1)} MiB${between.length > 0 ? ` (${between.join(', ')})` : ''}`;
}

export function rows(r: BenchResults): Row[] {
  const t = r.throughput;
  const v = r.validation;
  const fan = r.fanOut.points.map((p) => `${p.queues}: ${ms(p.ms)}`).join(', ');
  return [
    {
      measurement: `1. dispatch throughput (concurrency ${t.concurrency})`,
      baseline: `bare forwarder ${perSecond(t.forwarderRps)}`,
      eventq: perSecond(t.dispatchRps),
      result: x(t.ratio),
      target: '≥ 0.8×',
      met: t.ratio >= 0.8,
    },
    {
      measurement: '1. added latency p50 (concurrency 1)',
      baseline: ms(t.forwarderP50Ms),
      eventq: ms(t.dispatchP50Ms),
      result: `+${ms(t.addedP50Ms)}`,
      target: '≤ 0.5 ms',
      met: t.addedP50Ms <= 0.5,
    },
    {
      measurement: '1. added latency p99 (concurrency 1)',
      baseline: ms(t.forwarderP99Ms),
      eventq: ms(t.dispatchP99Ms),
      result: `+${ms(t.addedP99Ms)}`,
      target: '≤ 2 ms',
      met: t.addedP99Ms <= 2,
    },
    {
      measurement: '2. cold start: spawn → first delivery',
      baseline: `hello world ${ms(r.coldStart.helloWorldMs)}`,
      eventq: ms(r.coldStart.dispatchMs),
      result: x(r.coldStart.ratio),
      target: '≤ 1.5×',
      met: r.coldStart.ratio <= 1.5,
    },
    {
      measurement: '3. end to end p50: publish → sink',
      baseline: `direct push ${ms(r.endToEnd.directP50Ms)}`,
      eventq: ms(r.endToEnd.dispatchP50Ms),
      result: x(r.endToEnd.ratioP50),
      target: '≤ 1.1×',
      met: r.endToEnd.ratioP50 <= 1.1,
    },
    {
      measurement: '3. end to end p99',
      baseline: `direct push ${ms(r.endToEnd.directP99Ms)}`,
      eventq: ms(r.endToEnd.dispatchP99Ms),
      result: x(r.endToEnd.ratioP99),
      target: '—',
      met: undefined,
    },
    {
      measurement: '4. fan-out: publish → every sink',
      baseline: '—',
      eventq: fan,
      result: `growth exponent ${round(r.fanOut.growthExponent, 2)}`,
      target: '≤ 1 (linear)',
      met: r.fanOut.growthExponent <= 1,
    },
    {
      measurement: '5. push token verification per request',
      baseline: `no cache ${round(r.tokens.uncachedMicrosPerRequest, 1)} µs`,
      eventq: `cached ${round(r.tokens.cachedMicrosPerRequest, 2)} µs`,
      result: x(r.tokens.cacheSpeedup),
      target: '—',
      met: undefined,
    },
    {
      measurement: `6. CloudEvent decode + validate (correct on ${v.eventqCorrect}/${v.corpusSize}; SDK ${v.sdkCorrect}/${v.corpusSize})`,
      baseline: `SDK ${perSecond(v.sdkEventsPerSecond)}`,
      eventq: perSecond(v.eventqEventsPerSecond),
      result: x(v.speedup),
      target: '≥ 5×, correct ≥ SDK',
      met: v.speedup >= 5 && v.eventqCorrect >= v.sdkCorrect,
    },
    {
      measurement: `7. dispatch RSS after ${r.memory.deliveriesLate.toLocaleString('en-US')} vs ${r.memory.deliveriesEarly.toLocaleString('en-US')} deliveries`,
      baseline: `${round(r.memory.rssMiBEarly, 1)} MiB`,
      eventq: memoryLate(r.memory),
      result: `${x(r.memory.ratio)} (${thousands(r.memory.lastStepFrom)}→${thousands(r.memory.deliveriesLate)}: ${r.memory.lastStepRatio.toFixed(2)}×)`,
      target: `≤ ${MEMORY_RATIO_TARGET}×`,
      met: r.memory.ratio <= MEMORY_RATIO_TARGET,
    },
  ];
}

export function machine(): { cores: number; node: string; cpu: string; memoryMiB: number; platform: string } {
  return {
    cores: os.cpus().length,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function formatTable(table: readonly Row[]): string {
  const header = ['measurement', 'baseline', 'eventq', 'result', 'target', 'met'];
  const cells = table.map((row) => [
    row.measurement,
    row.baseline,
    row.eventq,
    row.result,
    row.target,
    row.met === undefined ? '—' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function benchJson(r: BenchResults, table: readonly Row[]): Record<string, unknown> {
  return {
    dispatchThroughputRatio: round(r.throughput.ratio, 3),
    dispatchAddedLatencyMsP50: round(r.throughput.addedP50Ms, 3),
    dispatchAddedLatencyMsP99: round(r.throughput.addedP99Ms, 3),
    coldStartRatio: round(r.coldStart.ratio, 3),
    endToEndLatencyRatioP50: round(r.endToEnd.ratioP50, 3),
    validationSpeedupVsCloudeventsSdk: round(r.validation.speedup, 2),
    machine: machine(),
    quick: r.quick,
    measuredAt: new Date().toISOString(),
    durationSeconds: round(r.durationSeconds, 1),
    targetsMet: Object.fromEntries(
      table.filter((row) => row.met !== undefined).map((row) => [row.measurement, row.met]),
    ),
    throughput: rounded(r.throughput),
    coldStart: rounded(r.coldStart),
    endToEnd: rounded(r.endToEnd),
    fanOut: {
      points: r.fanOut.points.map((p) => rounded(p)),
      growthExponent: round(r.fanOut.growthExponent, 3),
      setupSeconds: round(r.fanOut.setupSeconds, 1),
    },
    tokenVerification: rounded(r.tokens),
    validation: rounded(r.validation),
    memory: { ...rounded(r.memory), samples: r.memory.samples.map((sample) => rounded(sample)) },
  };
}

function rounded<T extends object>(value: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'number') out[k] = round(v, 3);
    else if (Array.isArray(v)) out[k] = v.map((e) => (typeof e === 'number' ? round(e, 3) : e));
    else out[k] = v;
  }
  return out;
}
