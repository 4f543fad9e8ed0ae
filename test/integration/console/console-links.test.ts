// The console links `npm start` prints (emulator/console-links.ts): one per
// local tenant, each opening that tenant's console once.
import { consoleLinks } from '../../../emulator/console-links';
import { stack } from '../support/stack';
import { exchangeCode } from './portal-session-link';

test('every local tenant gets a link that opens its own console', async () => {
  const links = await consoleLinks(stack().apiUrl, stack().tenants);
  expect(links.map((l) => l.tenant)).toEqual(['acme', 'globex']);
  for (const link of links) {
    const exchanged = await exchangeCode(new URL(link.url).hash.replace('#code=', ''));
    expect(exchanged.body).toMatchObject({ tenant: link.tenant, access: 'manage' });
  }
});
