import { describeSinkFailure } from '../../../../functions/src/api/sinks/describe-sink-failure';
import { SinkRefusedError } from '../../../../functions/src/errors';

const nodeError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('describeSinkFailure', () => {
  it.each<[string, unknown, string]>([
    [
      'a refused connection',
      nodeError('ECONNREFUSED', 'connect ECONNREFUSED 10.1.2.3:8443'),
      'the sink refused the connection',
    ],
    [
      'a host that does not resolve',
      nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND internal.corp'),
      "the sink's host name does not resolve",
    ],
    [
      'a certificate not accepted',
      nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
      "the sink's TLS certificate was not accepted",
    ],
    [
      'the deadline of the exchange',
      new Error('no answer within 1500 ms'),
      'the sink gave no answer within 1500 ms',
    ],
    [
      "an address eventq refuses, in eventq's own words",
      new SinkRefusedError('sink 10.0.0.1 is refused: private address'),
      'sink 10.0.0.1 is refused: private address',
    ],
    [
      'anything else',
      new Error('TypeError at Object.<anonymous> (/srv/x.js:1)'),
      'the request to the sink failed before it answered',
    ],
  ])('names %s without the raw message', (_what, error, described) => {
    expect(describeSinkFailure(error)).toBe(described);
  });
});
