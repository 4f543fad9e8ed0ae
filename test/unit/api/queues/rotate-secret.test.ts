import { rotateSecrets } from '../../../../functions/src/api/queues/rotate-secret';
import type { SigningSecret } from '../../../../functions/src/queues/queue-definition';

const NOW = Date.UTC(2030, 0, 8, 12);
const HOUR = 3_600_000;

describe('rotateSecrets', () => {
  it('puts the new secret first and keeps the old one until the grace ends', () => {
    const r = rotateSecrets([{ value: 'a' }], 'b', NOW, HOUR);
    expect(r.secrets).toEqual([{ value: 'b' }, { value: 'a', expiresAt: NOW + HOUR }]);
    expect(r.dropped).toBe(0);
  });

  it('keeps at most three secrets: the new one and the two newest within their grace', () => {
    let secrets: readonly SigningSecret[] = [{ value: 's0' }];
    const dropped: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const r = rotateSecrets(secrets, `s${i}`, NOW + i, HOUR);
      secrets = r.secrets;
      dropped.push(r.dropped);
    }
    expect(secrets.map((s) => s.value)).toEqual(['s5', 's4', 's3']);
    expect(dropped).toEqual([0, 0, 1, 1, 1]);
  });

  it('drops expired secrets without counting them', () => {
    const r = rotateSecrets([{ value: 'b' }, { value: 'a', expiresAt: NOW - 1 }], 'c', NOW, HOUR);
    expect(r.secrets.map((s) => s.value)).toEqual(['c', 'b']);
    expect(r.dropped).toBe(0);
  });

  it('never lengthens the grace of a secret already rotated out', () => {
    const r = rotateSecrets([{ value: 'b' }, { value: 'a', expiresAt: NOW + 10 }], 'c', NOW, HOUR);
    expect(r.secrets[2]).toEqual({ value: 'a', expiresAt: NOW + 10 });
  });

  it('with a grace of 0 keeps only the new secret', () => {
    const r = rotateSecrets([{ value: 'b' }, { value: 'a', expiresAt: NOW + 10 }], 'c', NOW, 0);
    expect(r.secrets).toEqual([{ value: 'c' }]);
    expect(r.dropped).toBe(0);
  });
});
