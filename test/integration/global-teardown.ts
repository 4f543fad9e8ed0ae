// Stops the shared stack and fails the run if any of its processes (including
// the emulators' Java children) is still alive afterwards.
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__EVENTQ_STACK__;
  if (!stack) return;
  await stack.stop();
  const survivors = stack.processes.filter((group) => {
    try {
      process.kill(-group.pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  if (survivors.length > 0) {
    throw new Error(
      `processes outlived the stack: ${survivors.map((g) => `${g.name} (${g.pid})`).join(', ')}`,
    );
  }
}
