import { ConflictError, UnavailableError } from '../../functions/src/errors';
import { GrpcStatus } from '../../functions/src/grpc-status';
import { withDeadline } from '../../functions/src/with-deadline';

const grpcError = (code: number) => Object.assign(new Error(`${code} raw client message`), { code });

describe('withDeadline', () => {
  it('gives back what the call answers in time', async () => {
    await expect(withDeadline('Pub/Sub', 'seek', async () => 'done', { deadlineMs: 100 })).resolves.toBe(
      'done',
    );
  });

  it('turns a call that does not answer within the deadline into UnavailableError', async () => {
    const never = new Promise<never>(() => undefined);
    const error = await withDeadline('Pub/Sub', 'seek the queue subscription', () => never, {
      deadlineMs: 20,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({
      status: 503,
      code: 'ERR_UNAVAILABLE',
      detail: 'Pub/Sub is unavailable (seek the queue subscription)',
    });
    expect(String((error as UnavailableError).cause)).toContain('no answer within 20 ms');
  });

  it('turns any other failure into UnavailableError whose detail carries no raw message', async () => {
    const error = await withDeadline(
      'the queue store',
      'read queue',
      () => Promise.reject(grpcError(GrpcStatus.UNAVAILABLE)),
      { deadlineMs: 1000 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).detail).toBe('the queue store is unavailable (read queue)');
  });

  it('also maps a call that throws before it returns a promise', async () => {
    const call = (): Promise<never> => {
      throw new Error('no client');
    };
    await expect(withDeadline('Pub/Sub', 'x', call, { deadlineMs: 1000 })).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });

  it('passes the gRPC codes the caller handles, and EventqErrors, as they are', async () => {
    const exists = grpcError(GrpcStatus.ALREADY_EXISTS);
    await expect(
      withDeadline('Pub/Sub', 'x', () => Promise.reject(exists), {
        deadlineMs: 1000,
        passThrough: [GrpcStatus.ALREADY_EXISTS],
      }),
    ).rejects.toBe(exists);
    const conflict = new ConflictError('taken');
    await expect(
      withDeadline('Pub/Sub', 'x', () => Promise.reject(conflict), { deadlineMs: 1000 }),
    ).rejects.toBe(conflict);
    await expect(
      withDeadline('Pub/Sub', 'x', () => Promise.reject(grpcError(GrpcStatus.NOT_FOUND)), {
        deadlineMs: 1000,
      }),
    ).rejects.toBeInstanceOf(UnavailableError);
  });
});
