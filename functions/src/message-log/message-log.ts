// The message log as dispatch's pipeline sees it: one synchronous call per
// outcome, which applies the operator's level and hands the touch to the
// batched writer (log-writer.ts). Nothing here waits or does I/O.
import { keeps, levelFor, type MessageLogLevels } from './log-levels';
import type { LogTouch } from './log-touch';

export interface MessageLog {
  /**
   * `afterFailure`: the delivery follows a failed attempt of the same event
   * (attempt > 1, or a redrive), which the `failures` level keeps.
   */
  record(touch: LogTouch, afterFailure?: boolean): void;
}

export function createMessageLog(
  levels: MessageLogLevels,
  writer: { record(touch: LogTouch): void },
): MessageLog {
  return {
    record(touch, afterFailure = false) {
      if (keeps(levelFor(levels, touch.tenant, touch.queue), touch.state, afterFailure)) writer.record(touch);
    },
  };
}

/** A log that keeps nothing (tests, benchmarks of the bare pipeline). */
export const NO_MESSAGE_LOG: MessageLog = { record: () => undefined };
