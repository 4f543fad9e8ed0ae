// A webhook sink in a process of its own, for the throughput phases: it
// answers the validation handshake and takes every delivery with 204, as
// cheaply as node:http allows, and counts them (GET /count). Run as
// `node sink-server.js <port>`.
import http from 'node:http';

const port = Number(process.argv[2]);
let deliveries = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(200, { 'webhook-allowed-origin': String(req.headers['webhook-request-origin'] ?? '*') });
    res.end();
    return;
  }
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ deliveries }));
    return;
  }
  // `?delayMs=N` holds the answer, so that large deliveries stay in flight together.
  const delayMs = Number(new URL(req.url ?? '/', 'http://sink').searchParams.get('delayMs') ?? 0);
  req.resume();
  req.on('end', () => {
    deliveries += 1;
    if (delayMs > 0) setTimeout(() => res.writeHead(204).end(), delayMs);
    else res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
