import { webhookId } from '../../../functions/src/delivery/webhook-id';

describe('webhookId', () => {
  const base: [string, string, string, string] = ['acme', 'orders', 'https://devices.example/fleet', 'evt-1'];

  it('is the same for the same event to the same queue', () => {
    expect(webhookId(...base)).toBe(webhookId(...base));
  });

  it('looks like a Standard Webhooks message id', () => {
    expect(webhookId(...base)).toMatch(/^msg_[A-Za-z0-9_-]{27}$/);
  });

  it.each<[string, [string, string, string, string]]>([
    ['another tenant', ['globex', 'orders', base[2], base[3]]],
    ['another queue', ['acme', 'billing', base[2], base[3]]],
    ['another source', ['acme', 'orders', 'https://devices.example/other', base[3]]],
    ['another event id', ['acme', 'orders', base[2], 'evt-2']],
    ['tenant and queue split elsewhere', ['acme-orders', '', base[2], base[3]]],
    ['source and id split elsewhere', ['acme', 'orders', `${base[2]}evt-`, '1']],
  ])('differs for %s', (_, args) => {
    expect(webhookId(...args)).not.toBe(webhookId(...base));
  });
});
