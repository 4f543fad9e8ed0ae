import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { flushLogs, jsonLogger, LOG_FLUSH_BYTES } from '../../../functions/src/observability/log';

describe('jsonLogger', () => {
  let writes: string[];
  let spy: jest.SpyInstance;

  beforeEach(() => {
    flushLogs();
    writes = [];
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
  });
  afterEach(() => spy.mockRestore());

  /** Until the timer's flush has written something (bounded: a loaded CI machine may run it late). */
  const flushed = async () => {
    for (let waited = 0; writes.length === 0 && waited < 2000; waited += 5) await sleep(5);
  };

  const lines = () =>
    writes
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));

  it('writes the lines of one flush interval together, in order, one JSON object a line', async () => {
    jsonLogger('INFO', 'delivered', { tenant: 'acme', queue: 'orders', outcome: 'delivered', status: 204 });
    await nextTurn();
    jsonLogger('WARNING', 'delivery failed', { tenant: 'acme', queue: 'orders', outcome: 'failed' });
    await nextTurn();
    jsonLogger('DEBUG', 'filtered out', { outcome: 'filtered' });
    // Lines of several turns of the event loop wait for the interval: one write for all of them.
    expect(writes).toEqual([]);

    await flushed();
    expect(writes).toHaveLength(1);
    expect(lines()).toEqual([
      {
        severity: 'INFO',
        message: 'delivered',
        eventq: { tenant: 'acme', queue: 'orders', outcome: 'delivered', status: 204 },
      },
      {
        severity: 'WARNING',
        message: 'delivery failed',
        eventq: { tenant: 'acme', queue: 'orders', outcome: 'failed' },
      },
      { severity: 'DEBUG', message: 'filtered out', eventq: { outcome: 'filtered' } },
    ]);
  });

  it('writes an ERROR line at once, after the lines pending before it', () => {
    jsonLogger('INFO', 'delivered', { outcome: 'delivered' });
    jsonLogger('ERROR', 'dispatch failed unexpectedly', { error: 'boom' });
    expect(lines().map((line) => line.message)).toEqual(['delivered', 'dispatch failed unexpectedly']);
  });

  it('writes at once when a burst of lines reaches LOG_FLUSH_BYTES, without waiting for the interval', () => {
    const error = 'x'.repeat(1000);
    const count = Math.ceil(LOG_FLUSH_BYTES / 1000) + 1;
    for (let i = 0; i < count; i++) jsonLogger('INFO', 'delivered', { error });
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes[0]!.length).toBeGreaterThanOrEqual(LOG_FLUSH_BYTES);
    flushLogs();
    expect(lines()).toHaveLength(count);
  });

  it('leaves out fields that are undefined', async () => {
    jsonLogger('INFO', 'delivered', { tenant: 'acme', status: undefined, error: undefined });
    await flushed();
    expect(lines()[0].eventq).toEqual({ tenant: 'acme' });
    expect(writes.join('')).not.toContain('status');
  });

  it('is flushed when the process exits', () => {
    expect(process.listeners('exit')).toContain(flushLogs);
  });
});
