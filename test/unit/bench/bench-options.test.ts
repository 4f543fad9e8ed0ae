import { BenchUsageError, MEASUREMENTS, parseBenchOptions } from '../../bench/bench-options';

const parse = (...argv: string[]) => parseBenchOptions(argv, { INIT_CWD: '/home/me/src' });

describe('bench options', () => {
  it('runs every measurement, at least three throughput pairs, when given nothing', () => {
    const options = parse();
    expect(options.quick).toBe(false);
    expect([...options.only]).toEqual([...MEASUREMENTS]);
    expect(options.rounds).toBeGreaterThanOrEqual(3);
    expect(options.compareDispatch).toBeUndefined();
  });

  it('keeps the quick run short: one or two throughput pairs', () => {
    const options = parse('--quick');
    expect(options.quick).toBe(true);
    expect(options.rounds).toBeGreaterThanOrEqual(1);
    expect(options.rounds).toBeLessThanOrEqual(2);
  });

  it('runs only the measurements --only names, with --quick in either order', () => {
    expect([...parse('--only', 'throughput').only]).toEqual(['throughput']);
    expect([...parse('--only=throughput,memory', '--quick').only]).toEqual(['throughput', 'memory']);
    expect(parse('--quick', '--only', 'memory').quick).toBe(true);
  });

  it('refuses an unknown measurement and lists the valid names', () => {
    expect(() => parse('--only', 'throughput,latency')).toThrow(BenchUsageError);
    expect(() => parse('--only', 'throughput,latency')).toThrow(
      'unknown measurement latency; valid names: throughput, cold-start, end-to-end, fan-out, token-verification, validation, memory, message-log, large-events, cesql, log-search, sql-filter',
    );
  });

  it('refuses an --only that names nothing', () => {
    expect(() => parse('--only', ',')).toThrow(/--only names nothing; valid names: throughput/);
  });

  it('refuses an unknown flag and a stray argument with the usage line', () => {
    expect(() => parse('--quik')).toThrow(/Unknown option '--quik'[\s\S]*usage: npm run bench --/);
    expect(() => parse('quick')).toThrow(BenchUsageError);
  });

  it('resolves --compare-dispatch against the directory npm run was started in', () => {
    expect(parse('--compare-dispatch', '../old').compareDispatch).toBe('/home/me/old');
    expect(parse('--compare-dispatch', '/tmp/old').compareDispatch).toBe('/tmp/old');
  });

  it('refuses --compare-dispatch when throughput is not among the measurements', () => {
    expect(() => parse('--only', 'memory', '--compare-dispatch', '/tmp/old')).toThrow(
      '--compare-dispatch compares throughput and large events: add throughput or large-events to --only',
    );
  });
});
