// WebSockets through an HTTP proxy: the proxy is asked to CONNECT to the venue's host and port, and the
// WebSocket (TLS for wss://) runs inside that tunnel. REST uses axios's own proxy support; this covers ws.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

export interface ProxyAddress {
  host: string;
  port: number;
}

type Callback = (error: Error | null, socket?: Duplex) => void;

/** An agent for `new WebSocket(url, { agent })` that tunnels through an HTTP CONNECT proxy. */
export class ConnectProxyAgent extends http.Agent {
  constructor(
    private readonly proxy: ProxyAddress,
    private readonly secure: boolean,
  ) {
    super({ keepAlive: false });
  }

  override createConnection(options: http.ClientRequestArgs, callback: Callback): undefined {
    const host = String(options.hostname ?? options.host ?? 'localhost');
    const port = Number(options.port ?? (this.secure ? 443 : 80));
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const req = http.request({
      host: this.proxy.host,
      port: this.proxy.port,
      method: 'CONNECT',
      path: target,
      headers: { host: target },
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        callback(
          new Error(
            `proxy ${this.proxy.host}:${this.proxy.port} refused CONNECT ${target}: HTTP ${res.statusCode}`,
          ),
        );
        return;
      }
      callback(null, this.secure ? tls.connect({ socket, servername: host }) : socket);
    });
    req.once('error', (error) =>
      callback(new Error(`proxy ${this.proxy.host}:${this.proxy.port}: ${error.message}`)),
    );
    req.end();
    return undefined;
  }
}

/** The agent for a ws:// or wss:// URL through the proxy, or undefined without one. */
export function proxyAgentFor(url: string, proxy: ProxyAddress | undefined): http.Agent | undefined {
  if (!proxy || !proxy.host) return undefined;
  return new ConnectProxyAgent(proxy, url.startsWith('wss:'));
}
