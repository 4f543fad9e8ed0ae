// How the api serves the console: its page and assets, with the headers that
// keep it safe and cacheable, and nothing the API's callers pay for.
import { gzipSync } from 'node:zlib';
import { stack } from '../support/stack';

const consoleUrl = () => `${stack().apiUrl}/console/`;

async function assetUrls(): Promise<string[]> {
  const html = await (await fetch(consoleUrl())).text();
  return [...html.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)].map((m) => new URL(m[1]!, consoleUrl()).href);
}

test('the page carries a strict CSP with frame-ancestors none, no-referrer, and is never cached stale', async () => {
  const res = await fetch(consoleUrl());
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const csp = res.headers.get('content-security-policy')!;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('cache-control')).toBe('no-cache');
  const html = await res.text();
  // No inline script and no other origin: everything the page loads is one of its own assets.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
});

test('/console redirects to /console/, and the console needs no token to load', async () => {
  const res = await fetch(`${stack().apiUrl}/console`, { redirect: 'manual' });
  expect(res.status).toBe(301);
  expect(res.headers.get('location')).toBe('/console/');
});

test('assets have content-hashed names, a year-long immutable cache, and come gzipped', async () => {
  const urls = await assetUrls();
  expect(urls.some((u) => u.endsWith('.js'))).toBe(true);
  expect(urls.some((u) => u.endsWith('.css'))).toBe(true);
  let gzipped = 0;
  for (const url of urls) {
    expect(url).toMatch(/\/console\/assets\/main-[A-Z0-9]{8}\.(js|css)$/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    gzipped += gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
  }
  const page = gzipSync(Buffer.from(await (await fetch(consoleUrl())).arrayBuffer()), { level: 9 }).length;
  process.stderr.write(`console size, gzipped: ${gzipped + page} bytes (page ${page}, assets ${gzipped})\n`);
  expect(gzipped + page).toBeLessThan(40_000);
});

test('an unknown console path is a 404 in {code, detail}', async () => {
  const res = await fetch(`${stack().apiUrl}/console/assets/nothing-here.js`);
  expect(res.status).toBe(404);
  expect(((await res.json()) as { code: string }).code).toBe('ERR_NOT_FOUND');
});
