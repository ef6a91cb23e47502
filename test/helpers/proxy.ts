// A loopback HTTP proxy for tests: forwards absolute-URI requests (how REST clients use a proxy) and tunnels
// CONNECT (how WebSockets do), recording what it was asked for; `refuse` makes it answer 403.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

export interface TestProxy {
  host: string;
  port: number;
  /** "GET http://host:port/path" for forwarded requests, "CONNECT host:port" for tunnels. */
  seen: string[];
  refuse: boolean;
  close(): Promise<void>;
}

export async function startProxy(): Promise<TestProxy> {
  const state = { refuse: false, seen: [] as string[] };
  const server = http.createServer((req, res) => {
    state.seen.push(`${req.method} ${req.url}`);
    if (state.refuse) {
      res.writeHead(403).end();
      return;
    }
    const up = http.request(req.url ?? '', { method: req.method, headers: req.headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  // Tunnels leave the HTTP server's bookkeeping once upgraded, so close() ends them itself.
  const tunnels = new Set<net.Socket>();
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    state.seen.push(`CONNECT ${req.url}`);
    tunnels.add(client);
    client.once('close', () => tunnels.delete(client));
    if (state.refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    get seen() {
      return state.seen;
    },
    get refuse() {
      return state.refuse;
    },
    set refuse(v: boolean) {
      state.refuse = v;
    },
    close: () => {
      server.closeAllConnections();
      for (const t of tunnels) t.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
