import { validationHandshake } from '../../../../functions/src/api/sinks/validation-handshake';
import type { SinkPoster, SinkRequest, SinkResponse } from '../../../../functions/src/delivery/post-to-sink';
import { SinkRefusedError } from '../../../../functions/src/errors';

const SINK = 'https://hooks.acme.example/eventq';
const ORIGIN = 'api.eventq.test';

function sinkAnswering(
  status: number,
  headers: SinkResponse['headers'] = {},
): {
  post: SinkPoster;
  requests: SinkRequest[];
} {
  const requests: SinkRequest[] = [];
  return {
    requests,
    post: async (request) => {
      requests.push(request);
      return { status, headers, bodyExcerpt: '', latencyMs: 1 };
    },
  };
}

async function refusal(post: SinkPoster): Promise<SinkRefusedError> {
  try {
    await validationHandshake(SINK, ORIGIN, post);
  } catch (error) {
    if (error instanceof SinkRefusedError) return error;
    throw error;
  }
  throw new Error('the handshake was granted');
}

describe('validationHandshake', () => {
  it('sends OPTIONS to the sink with WebHook-Request-Origin', async () => {
    const sink = sinkAnswering(200, { 'webhook-allowed-origin': ORIGIN });
    await validationHandshake(SINK, ORIGIN, sink.post);
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]).toMatchObject({ url: SINK, method: 'OPTIONS' });
    expect(sink.requests[0]!.headers['webhook-request-origin']).toBe(ORIGIN);
    expect(sink.requests[0]!.body).toBeUndefined();
  });

  it.each<[string, number, string]>([
    ['its own origin', 200, ORIGIN],
    ['any origin', 200, '*'],
    ['its own origin with 204', 204, ORIGIN],
  ])('is granted when the sink allows %s', async (_, status, allowed) => {
    const { post } = sinkAnswering(status, { 'webhook-allowed-origin': allowed });
    await expect(validationHandshake(SINK, ORIGIN, post)).resolves.toEqual({});
  });

  it('keeps the rate the sink grants', async () => {
    const { post } = sinkAnswering(200, { 'webhook-allowed-origin': '*', 'webhook-allowed-rate': '60' });
    await expect(validationHandshake(SINK, ORIGIN, post)).resolves.toEqual({ allowedRate: 60 });
  });

  it.each(['0', '-5', 'lots', ''])('ignores a granted rate of %j', async (rate) => {
    const { post } = sinkAnswering(200, { 'webhook-allowed-origin': '*', 'webhook-allowed-rate': rate });
    await expect(validationHandshake(SINK, ORIGIN, post)).resolves.toEqual({});
  });

  it.each<[string, number, SinkResponse['headers'], RegExp]>([
    [
      'another origin',
      200,
      { 'webhook-allowed-origin': 'evil.example' },
      /answered 200 with WebHook-Allowed-Origin "evil.example"/,
    ],
    ['no WebHook-Allowed-Origin', 200, {}, /answered 200 with WebHook-Allowed-Origin absent/],
    ['an error status with the right origin', 500, { 'webhook-allowed-origin': ORIGIN }, /answered 500/],
    ['a redirect', 302, { 'webhook-allowed-origin': ORIGIN, location: '/x' }, /answered 302/],
    ['a client error', 405, {}, /answered 405 with WebHook-Allowed-Origin absent/],
  ])('is refused when the sink answers with %s', async (_, status, headers, detail) => {
    const error = await refusal(sinkAnswering(status, headers).post);
    expect(error.status).toBe(422);
    expect(error.code).toBe('ERR_SINK_REFUSED');
    expect(error.detail).toMatch(/^sink: /);
    expect(error.detail).toMatch(detail);
    expect(error.detail).toContain(`expected "${ORIGIN}" or "*"`);
  });

  it('is refused, saying so, when the sink gives no answer', async () => {
    const error = await refusal(async () => Promise.reject(new Error('connect ECONNREFUSED')));
    expect(error.status).toBe(422);
    expect(error.detail).toMatch(
      /^sink: the validation handshake \(OPTIONS\) got no answer: connect ECONNREFUSED/,
    );
  });
});
