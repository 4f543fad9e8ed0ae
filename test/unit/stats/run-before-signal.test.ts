// The SIGTERM flush (counters and message log) runs to its end before the
// process exits, even though the Functions Framework's own listener exits at
// once: Node calls it in the same emit whatever the first listener does.
import { runBeforeSignal } from '../../../functions/src/stats/stats-flusher';

describe('runBeforeSignal', () => {
  const SIGNAL = 'SIGUSR2';
  let exit: jest.SpyInstance;
  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  });
  afterEach(() => {
    process.removeAllListeners(SIGNAL);
    exit.mockRestore();
  });

  it("holds the framework's exit until the flush is done, then exits as it asked", async () => {
    const steps: string[] = [];
    let finish!: () => void;
    const flushed = new Promise<void>((resolve) => {
      finish = resolve;
    });
    runBeforeSignal(
      SIGNAL,
      async () => {
        steps.push('flush started');
        await flushed;
        steps.push('flush done');
      },
      5_000,
    );
    // The framework registers its listener after the function module has loaded.
    process.on(SIGNAL, () => {
      steps.push('framework exits');
      process.exit(0);
    });
    process.emit(SIGNAL, SIGNAL);
    expect(steps).toEqual(['flush started', 'framework exits']);
    expect(exit).not.toHaveBeenCalled();
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(['flush started', 'framework exits', 'flush done']);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits by itself when nobody else listens, and at most after maxMs', async () => {
    jest.useFakeTimers();
    try {
      runBeforeSignal(SIGNAL, () => new Promise<void>(() => undefined), 1_000);
      process.emit(SIGNAL, SIGNAL);
      await jest.advanceTimersByTimeAsync(999);
      expect(exit).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);
      expect(exit).toHaveBeenCalledWith(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
