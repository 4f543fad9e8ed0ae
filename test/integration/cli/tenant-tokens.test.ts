// A tenant can hold several tokens and the operator can revoke one: from then
// on requests with it get 401, and the others keep working.
import { runCli } from '../support/run-cli';
import { callApi, uniqueName } from '../support/stack';

test('two tokens for one tenant, one revoked: it is refused, the other still works', async () => {
  const tenant = uniqueName('tok');
  const first = await runCli(['--json', 'tenants', 'create', tenant, '--label', 'ci']);
  expect(first.stderr).toBe('');
  const second = await runCli(['--json', 'tenants', 'create', tenant, '--label', 'billing']);
  const [tokenA, tokenB] = [
    JSON.parse(first.stdout).token as string,
    JSON.parse(second.stdout).token as string,
  ];
  expect(tokenA).not.toBe(tokenB);

  const listed = await runCli(['--json', 'tenants', 'tokens', tenant]);
  expect(listed.code).toBe(0);
  const tokens = JSON.parse(listed.stdout) as Array<{ id: string; label: string }>;
  expect(tokens.map((t) => t.label).sort()).toEqual(['billing', 'ci']);
  expect(listed.stdout).not.toContain(tokenA);

  expect((await callApi('GET', '/v1/queues', { token: tokenA })).status).toBe(200);
  const ci = tokens.find((t) => t.label === 'ci')!;
  const revoked = await runCli(['tenants', 'revoke-token', tenant, ci.id]);
  expect(revoked.code).toBe(0);
  expect((await callApi('GET', '/v1/queues', { token: tokenA })).status).toBe(401);
  expect((await callApi('GET', '/v1/queues', { token: tokenB })).status).toBe(200);

  const again = await runCli(['tenants', 'revoke-token', tenant, ci.id]);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/ERR_NOT_FOUND/);
});
