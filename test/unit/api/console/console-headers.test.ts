import { consoleHeaders, contentSecurityPolicy } from '../../../../functions/src/api/console/console-headers';
import { apiConfigSpec } from '../../../../functions/src/config/api-config';
import { ConfigError } from '../../../../functions/src/errors';

test('with no allowlist, no one may frame the console', () => {
  expect(contentSecurityPolicy([])).toContain("frame-ancestors 'none'");
  expect(consoleHeaders([])['x-frame-options']).toBe('DENY');
});

test('the allowlist becomes frame-ancestors, and X-Frame-Options, which cannot list origins, is left out', () => {
  const headers = consoleHeaders(['https://app.example.com', 'https://*.example.org:8443']);
  expect(headers['content-security-policy']).toContain(
    'frame-ancestors https://app.example.com https://*.example.org:8443',
  );
  expect(headers['x-frame-options']).toBeUndefined();
});

test('the policy allows this origin only, and nothing inline', () => {
  const csp = contentSecurityPolicy([]);
  expect(csp).toMatch(/^default-src 'self'; /);
  expect(csp).not.toMatch(/unsafe|https?:|\*/);
  expect(consoleHeaders([])['referrer-policy']).toBe('no-referrer');
});

describe('EVENTQ_CONSOLE_FRAME_ANCESTORS', () => {
  const variable = apiConfigSpec.consoleFrameAncestors;
  const parse = (value: string) => variable.parse(value, variable.name);

  test('is empty by default: no one may frame the console', () => {
    expect(variable.defaultValue).toEqual([]);
  });

  test('reads a comma-separated list of origins', () => {
    expect(parse(' https://app.example.com, http://localhost:3000 ')).toEqual([
      'https://app.example.com',
      'http://localhost:3000',
    ]);
  });

  test.each([
    '*',
    "'self'",
    'https://app.example.com/path',
    'app.example.com',
    "https://x.com 'unsafe-inline'",
  ])('refuses %j, naming the variable', (value) => {
    expect(() => parse(value)).toThrow(ConfigError);
    expect(() => parse(value)).toThrow(/EVENTQ_CONSOLE_FRAME_ANCESTORS/);
  });
});
