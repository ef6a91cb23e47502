// A TCP relay between a client and a server on loopback, so a test can cut the network (both ends see the
// link die, as with a cable pulled) and restore it on the same port.
import net from 'node:net';

export class CuttableProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  /** While set, what the server sends is dropped (requests still reach it): a reply lost on the way. */
  blackhole = false;

  constructor(private readonly targetPort: number) {}

  async listen(port = this.port): Promise<number> {
    const server = net.createServer((inbound) => {
      const outbound = net.connect(this.targetPort, '127.0.0.1');
      for (const s of [inbound, outbound]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          inbound.destroy();
          outbound.destroy();
        });
      }
      inbound.pipe(outbound);
      outbound.on('data', (chunk: Buffer) => {
        if (!this.blackhole) inbound.write(chunk);
      });
      outbound.on('end', () => inbound.end());
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Kills every relayed connection and stops listening: new connections are refused until listen(). */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.blackhole = false;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}
