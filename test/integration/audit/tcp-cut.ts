// A TCP relay in front of the Firestore emulator that a test can cut and
// restore: to the api behind it, Firestore is stopped, while the shared stack
// (and every other test) keeps its own connection to the real emulator.
import net, { type AddressInfo, type Socket } from 'node:net';

export interface TcpCut {
  /** host:port of the relay, for FIRESTORE_EMULATOR_HOST. */
  readonly host: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function tcpCut(target: string): Promise<TcpCut> {
  const [targetHost, targetPort] = target.split(':') as [string, string];
  const sockets = new Set<Socket>();
  let port = 0;
  let server: net.Server | undefined;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(targetPort), targetHost);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await listen();
  return { host: `127.0.0.1:${port}`, cut: stop, restore: listen, close: stop };
}
