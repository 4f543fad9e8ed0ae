// dispatch leaves the per-request domain the Functions Framework runs it in
// (see leaveFrameworkDomain in functions/src/dispatch/index.ts): this runs the
// real handler the way the framework does, inside domain.run.
import { generateKeyPairSync } from 'node:crypto';
import domain from 'node:domain';
import type { Request, Response } from '@google-cloud/functions-framework';

function loadDispatch(): typeof import('../../../functions/src/dispatch/index').dispatch {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  Object.assign(process.env, {
    EVENTQ_PROJECT_ID: 'eventq-unit',
    EVENTQ_API_URL: 'http://127.0.0.1:9',
    EVENTQ_SIGNING_KEYS: JSON.stringify([
      { ...privateKey.export({ format: 'jwk' }), kid: 'k', alg: 'ES256' },
    ]),
    EVENTQ_PUSH_AUDIENCE: 'http://127.0.0.1:9/dispatch',
    EVENTQ_PUSH_SERVICE_ACCOUNT: 'push@eventq-unit.iam.gserviceaccount.com',
    EVENTQ_PUSH_CERTS_URL: 'http://127.0.0.1:9/certs',
    FIRESTORE_EMULATOR_HOST: '127.0.0.1:9',
  });
  return (
    require('../../../functions/src/dispatch/index') as typeof import('../../../functions/src/dispatch/index')
  ).dispatch;
}

const currentDomain = (): unknown => (process as { domain?: unknown }).domain;

describe('dispatch and the Functions Framework domain', () => {
  it('answers, and leaves the domain it was called in', () => {
    const dispatch = loadDispatch();
    const answered: { status?: number; body?: unknown } = {};
    const res = {
      status(code: number) {
        answered.status = code;
        return res;
      },
      set: () => res,
      json(body: unknown) {
        answered.body = body;
        return res;
      },
    } as unknown as Response;
    const frameworkDomain = domain.create();
    let inside: unknown;
    let after: unknown;
    frameworkDomain.run(() => {
      inside = currentDomain();
      dispatch({ method: 'GET', headers: {} } as Request, res);
      after = currentDomain();
    });
    expect(inside).toBe(frameworkDomain);
    expect(after).toBeFalsy();
    expect(answered).toEqual({
      status: 405,
      body: { code: 'ERR_METHOD_NOT_ALLOWED', detail: 'dispatch takes POST' },
    });
  });
});
