// WebSockets and raw TCP links through an HTTP proxy: the proxy is asked to CONNECT to the venue's host and
// port, and the link (TLS where the venue's is) runs inside that tunnel. REST uses axios's own proxy support.
import http from 'node:http';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

export interface ProxyAddress {
  host: string;
  port: number;
}

type Callback = (error: Error | null, socket?: Duplex) => void;

/**
 * A socket to host:port through the proxy's CONNECT tunnel; rejects with the proxy's refusal or failure, or
 * when the proxy has not answered within `timeoutMs`.
 */
export function openTunnel(
  proxy: ProxyAddress,
  host: string,
  port: number,
  timeoutMs = 15_000,
): Promise<net.Socket> {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const where = `proxy ${proxy.host}:${proxy.port}`;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers: { host: target },
      timeout: timeoutMs,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new Error(`${where} refused CONNECT ${target}: HTTP ${res.statusCode}`));
        return;
      }
      resolve(socket);
    });
    req.once('timeout', () => req.destroy(new Error(`no answer to CONNECT ${target} in time`)));
    req.once('error', (error) => reject(new Error(`${where}: ${error.message}`)));
    req.end();
  });
}

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
    openTunnel(this.proxy, host, port).then(
      (socket) => callback(null, this.secure ? tls.connect({ socket, servername: host }) : socket),
      (error: Error) => callback(error),
    );
    return undefined;
  }
}

/** The agent for a ws:// or wss:// URL through the proxy, or undefined without one. */
export function proxyAgentFor(url: string, proxy: ProxyAddress | undefined): http.Agent | undefined {
  if (!proxy || !proxy.host) return undefined;
  return new ConnectProxyAgent(proxy, url.startsWith('wss:'));
}
