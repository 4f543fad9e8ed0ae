import { setImmediate as nextTurn } from 'node:timers/promises';
import { flushLogs, jsonLogger } from '../../../functions/src/observability/log';

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

  it('writes the lines of one turn of the event loop together, in order, one JSON object a line', async () => {
    jsonLogger('INFO', 'delivered', { tenant: 'acme', queue: 'orders', outcome: 'delivered', status: 204 });
    jsonLogger('WARNING', 'delivery failed', { tenant: 'acme', queue: 'orders', outcome: 'failed' });
    jsonLogger('DEBUG', 'filtered out', { outcome: 'filtered' });
    expect(writes).toEqual([]);

    await nextTurn();
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

  it('leaves out fields that are undefined', async () => {
    jsonLogger('INFO', 'delivered', { tenant: 'acme', status: undefined, error: undefined });
    await nextTurn();
    expect(lines()[0].eventq).toEqual({ tenant: 'acme' });
    expect(writes.join('')).not.toContain('status');
  });

  it('is flushed when the process exits', () => {
    expect(process.listeners('exit')).toContain(flushLogs);
  });
});
