// What a run measured, as the report reads it: every measurement is there only
// if it ran (`--only`), and a table row is what a user reads of it.
import type { CesqlResult } from '../measurements/cesql-evaluation';
import type { ValidationResult } from '../measurements/cloudevent-validation';
import type { ColdStartResult } from '../measurements/cold-start';
import type { ThroughputResult } from '../measurements/dispatch-throughput';
import type { EndToEndResult } from '../measurements/end-to-end';
import type { FanOutResult } from '../measurements/fan-out';
import type { LargeEventsResult } from '../measurements/large-events';
import type { LogSearchResult } from '../measurements/log-search';
import type { MemoryResult } from '../measurements/memory';
import type { MessageLogResult } from '../measurements/message-log';
import type { SqlFilterThroughputResult } from '../measurements/sql-filter-throughput';
import type { TokenVerificationResult } from '../measurements/token-verification';

export interface BenchResults {
  readonly quick: boolean;
  readonly durationSeconds: number;
  readonly throughput?: ThroughputResult;
  readonly coldStart?: ColdStartResult;
  readonly endToEnd?: EndToEndResult;
  readonly fanOut?: FanOutResult;
  /** The relay's figures only when the local stack ran (they count its tokens). */
  readonly tokens?: TokenVerificationResult & {
    readonly relayMintedTokens?: number;
    readonly relayedEvents?: number;
  };
  readonly validation?: ValidationResult;
  readonly memory?: MemoryResult;
  readonly largeEvents?: LargeEventsResult;
  readonly messageLog?: MessageLogResult;
  readonly sqlFilter?: SqlFilterThroughputResult;
  readonly cesql?: CesqlResult;
  readonly logSearch?: LogSearchResult;
}

export interface Row {
  readonly measurement: string;
  readonly baseline: string;
  readonly eventq: string;
  readonly result: string;
  readonly target: string;
  /** undefined: reported, no target. */
  readonly met: boolean | undefined;
}
