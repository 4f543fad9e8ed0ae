import { checkSinkUrl } from '../../../../functions/src/api/sinks/check-sink-url';
import type { ResolvedAddress, SinkHostResolver } from '../../../../functions/src/delivery/resolve-sink-host';
import { createSinkAddressPolicy } from '../../../../functions/src/delivery/sink-address-policy';
import { SinkRefusedError } from '../../../../functions/src/errors';

const policy = createSinkAddressPolicy([]);

function resolver(
  answers: Record<string, readonly string[] | Error>,
): SinkHostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = ((host, done) => {
    asked.push(host);
    const answer = answers[host];
    if (answer instanceof Error) return done(answer, []);
    done(
      undefined,
      (answer ?? []).map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  }) as SinkHostResolver & { asked: string[] };
  resolve.asked = asked;
  return resolve;
}

describe('checkSinkUrl', () => {
  it('resolves names with the resolver it is given, not the system lookup', async () => {
    const resolve = resolver({ 'hooks.eventq-test.invalid': ['93.184.215.14'] });
    const url = await checkSinkUrl('https://hooks.eventq-test.invalid/hook', policy, resolve);
    expect(url.host).toBe('hooks.eventq-test.invalid');
    expect(resolve.asked).toEqual(['hooks.eventq-test.invalid']);
  });

  it('refuses a name with a refused address without naming the address', async () => {
    const resolve = resolver({ 'internal.example.com': ['93.184.215.14', '10.1.2.3'] });
    const refused = checkSinkUrl('https://internal.example.com/hook', policy, resolve);
    await expect(refused).rejects.toThrow(SinkRefusedError);
    await expect(refused).rejects.toThrow(
      /^sink: the host internal\.example\.com resolves to an address eventq does not deliver to$/,
    );
  });

  it('names an address the tenant typed, and why it is refused', async () => {
    const resolve = resolver({});
    await expect(checkSinkUrl('https://10.1.2.3/hook', policy, resolve)).rejects.toThrow(
      /^sink: 10\.1\.2\.3 is refused: .*private/,
    );
    expect(resolve.asked).toEqual([]);
  });

  it("says a name does not resolve in the resolver's words, and anything else without its message", async () => {
    await expect(
      checkSinkUrl(
        'https://slow.example.com/',
        policy,
        resolver({
          'slow.example.com': new SinkRefusedError(
            'the name slow.example.com did not resolve within 5000 ms',
          ),
        }),
      ),
    ).rejects.toThrow('sink: the name slow.example.com did not resolve within 5000 ms');
    await expect(
      checkSinkUrl(
        'https://odd.example.com/',
        policy,
        resolver({ 'odd.example.com': new Error('10.9.9.9 said no') }),
      ),
    ).rejects.toThrow(/^sink: the host odd\.example\.com does not resolve$/);
  });
});
