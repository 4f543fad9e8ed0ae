// A value now, or a promise of it. dispatch answers most pushes from its caches
// (token, queue definition, delivery token) without a promise of its own; the
// step that may or may not wait is written once, here.

export type Eventually<T> = T | Promise<T>;

/**
 * `next(value)` at once when `produce` has the value, or when its promise
 * settles; a failure of `produce` (thrown or rejected) goes to `failed`.
 * A failure inside `next` is the caller's, in both cases.
 */
export function whenReady<T, R>(
  produce: () => Eventually<T>,
  next: (value: T) => Eventually<R>,
  failed: (error: unknown) => Eventually<R>,
): Eventually<R> {
  let value: Eventually<T>;
  try {
    value = produce();
  } catch (error) {
    return failed(error);
  }
  return value instanceof Promise ? value.then(next, failed) : next(value);
}
