// Every call to a dependency (Firestore, Pub/Sub admin) runs through here: it
// gets a deadline, so a caller answers 503 instead of waiting out the client's
// own retries, and any failure becomes the one UnavailableError, so that every
// route answers a dependency's failure the same way. An EventqError already
// says what went wrong and passes as it is, and so do the gRPC codes a caller
// acts on (ALREADY_EXISTS → 409, NOT_FOUND of a deletion, UNIMPLEMENTED of the
// emulator), which the caller names in `passThrough`.
import { EventqError, UnavailableError } from './errors';
import { grpcCode } from './grpc-status';

export interface DeadlineOptions {
  readonly deadlineMs: number;
  /** gRPC codes the caller handles itself: errors with them are rethrown untouched. */
  readonly passThrough?: readonly number[];
}

/**
 * Runs `call` with a deadline. On failure throws UnavailableError
 * "`dependency` is unavailable (`what`)", the original error as its cause.
 */
export async function withDeadline<T>(
  dependency: string,
  what: string,
  call: () => Promise<T>,
  options: DeadlineOptions,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${options.deadlineMs} ms`)),
      options.deadlineMs,
    );
  });
  try {
    return await Promise.race([call(), deadline]);
  } catch (error) {
    if (error instanceof EventqError) throw error;
    const code = grpcCode(error);
    if (code !== undefined && options.passThrough?.includes(code)) throw error;
    throw new UnavailableError(`${dependency} is unavailable (${what})`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
