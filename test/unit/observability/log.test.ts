import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import {
  flushLogs,
  jsonLogger,
  LOG_FLUSH_BYTES,
  LOG_FLUSH_INTERVAL_MS,
} from '../../../functions/src/observability/log';

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

    await sleep(LOG_FLUSH_INTERVAL_MS + 20);
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
    await sleep(LOG_FLUSH_INTERVAL_MS + 20);
    expect(lines()[0].eventq).toEqual({ tenant: 'acme' });
    expect(writes.join('')).not.toContain('status');
  });

  it('is flushed when the process exits', () => {
    expect(process.listeners('exit')).toContain(flushLogs);
  });
});
