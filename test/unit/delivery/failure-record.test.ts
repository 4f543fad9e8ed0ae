import { attemptNumber, failureError, MAX_ERROR_CHARS } from '../../../functions/src/delivery/failure-record';

describe('attemptNumber', () => {
  it.each<[number | undefined, number | undefined, number | undefined]>([
    [3, undefined, 3],
    [3, 7, 3],
    [undefined, 0, 1],
    [undefined, 4, 5],
    [undefined, undefined, undefined],
  ])('deliveryAttempt %s with %s failures before is attempt %s', (delivery, before, expected) => {
    expect(attemptNumber(delivery, before)).toBe(expected);
  });
});

describe('failureError', () => {
  it('names the status and the start of the answer', () => {
    expect(failureError(500, 'ignored', ' boom ')).toBe('sink answered 500: boom');
  });
  it('keeps the detail when the sink did not answer, and bounds the length', () => {
    expect(failureError(null, 'no answer within 10000 ms')).toBe('no answer within 10000 ms');
    expect(failureError(502, '', 'x'.repeat(2_000))).toHaveLength(MAX_ERROR_CHARS);
  });
});
