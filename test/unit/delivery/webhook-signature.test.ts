import { Webhook } from 'standardwebhooks';
import {
  generateWebhookSecret,
  secretKey,
  signWebhook,
} from '../../../functions/src/delivery/webhook-signature';

const NOW_MS = Date.UTC(2030, 0, 1, 12, 0, 0);
const NOW_S = NOW_MS / 1000;
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const body = '{"greeting":"grüß dich ✓ 🚀","n":1}';

function headers(signature: string, timestamp = NOW_S, id = ID): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

describe('signWebhook', () => {
  // standardwebhooks checks the timestamp against Date.now().
  beforeEach(() => jest.useFakeTimers({ now: NOW_MS }));
  afterEach(() => jest.useRealTimers());

  it('matches the Standard Webhooks reference vector', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signature = signWebhook(
      [secret],
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      Buffer.from('{"test": 2432232314}'),
    );
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('is verified by the standardwebhooks library for a UTF-8 body', () => {
    const secret = generateWebhookSecret();
    const signature = signWebhook([secret], ID, NOW_S, Buffer.from(body, 'utf8'));
    expect(() => new Webhook(secret).verify(body, headers(signature), { jsonParse: false })).not.toThrow();
  });

  it('carries one signature per secret during a rotation, each of which verifies', () => {
    const secrets = [generateWebhookSecret(), generateWebhookSecret(), generateWebhookSecret()];
    const signature = signWebhook(secrets, ID, NOW_S, Buffer.from(body));
    expect(signature.split(' ')).toHaveLength(3);
    for (const part of signature.split(' ')) expect(part).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    for (const secret of secrets) {
      expect(() => new Webhook(secret).verify(body, headers(signature), { jsonParse: false })).not.toThrow();
    }
  });

  it.each<[string, (signature: string) => [string, Record<string, string>]]>([
    ['another body', (s) => [`${body} `, headers(s)]],
    ['another id', (s) => [body, headers(s, NOW_S, 'msg_other')]],
    ['another timestamp', (s) => [body, headers(s, NOW_S + 1)]],
  ])('does not verify for %s', (_, tamper) => {
    const secret = generateWebhookSecret();
    const signature = signWebhook([secret], ID, NOW_S, Buffer.from(body));
    const [tamperedBody, tamperedHeaders] = tamper(signature);
    expect(() => new Webhook(secret).verify(tamperedBody, tamperedHeaders, { jsonParse: false })).toThrow(
      /No matching signature/,
    );
  });

  it('does not verify with a secret that did not sign', () => {
    const signature = signWebhook([generateWebhookSecret()], ID, NOW_S, Buffer.from(body));
    expect(() =>
      new Webhook(generateWebhookSecret()).verify(body, headers(signature), { jsonParse: false }),
    ).toThrow(/No matching signature/);
  });

  it('signs the exact bytes of a body that is not valid UTF-8', () => {
    const secret = generateWebhookSecret();
    const a = signWebhook([secret], ID, NOW_S, Buffer.from([0xff, 0xfe]));
    const b = signWebhook([secret], ID, NOW_S, Buffer.from([0xff, 0xfd]));
    expect(a).not.toBe(b);
  });
});

describe('generateWebhookSecret', () => {
  it('makes a whsec_ secret of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});

describe('secretKey', () => {
  it('decodes the base64 after the whsec_ prefix, or without it', () => {
    expect(secretKey('whsec_AAEC')).toEqual(Buffer.from([0, 1, 2]));
    expect(secretKey('AAEC')).toEqual(Buffer.from([0, 1, 2]));
  });
});
