// RpcEngine: the RpcService app's engine. Started and stopped from the console (`:rpc start` / `:rpc stop`)
// or by `vnt serve`; publishes every event but the timer and serves MainEngine's functions.
import fs from 'node:fs';
import { LogLevel } from '../core/constant.js';
import type { App, Engine, MainEngine } from '../core/engine.js';
import { VntError } from '../core/errors.js';
import type { AnyEvent, EventEngine } from '../core/event.js';
import { redactor } from '../core/redact.js';
import { GLOBAL_SCHEMA } from '../core/settings.js';
import { createMethods } from './methods.js';
import { checkExposure, RpcServer } from './server.js';
import type { SessionLimits } from './session.js';
import { loadOrCreateToken } from './token.js';

export const RPC_SOURCE = 'RpcService';

export interface RpcStartOptions {
  host?: string;
  port?: number;
  tlsCert?: string;
  tlsKey?: string;
  insecure?: boolean;
  /** Folder holding rpc_token; defaults to the main engine's trader dir. */
  tokenDir?: string;
  heartbeatMs?: number;
  timeoutMs?: number;
  maxClients?: number;
  limits?: Partial<SessionLimits>;
}

export class RpcEngine implements Engine {
  readonly engineName = RPC_SOURCE;
  private server: RpcServer | undefined;
  private address = '';
  private tokenPath = '';
  private starting: Promise<string> | undefined;
  private readonly onEvent = (event: AnyEvent): void => this.server?.publish(event);

  constructor(
    private readonly mainEngine: MainEngine,
    private readonly eventEngine: EventEngine,
  ) {}

  get isRunning(): boolean {
    return this.server !== undefined;
  }

  /** ws://host:port (or wss://) while running, else ''. */
  get url(): string {
    return this.address;
  }

  /** Where the token clients need is kept ('' until started once). */
  get tokenFile(): string {
    return this.tokenPath;
  }

  get clientCount(): number {
    return this.server?.clientCount ?? 0;
  }

  /** Ticks collapsed for lagging clients (see Session.sendTick), over the clients connected now. */
  get coalescedTicks(): number {
    return this.server?.coalescedTicks ?? 0;
  }

  /**
   * Starts the service with the global settings (rpc.*) overridden by options; resolves with its URL.
   * The token file's path is logged, never the token.
   */
  start(options: RpcStartOptions = {}): Promise<string> {
    if (this.server) {
      this.log(`RPC service already running at ${this.address}`);
      return Promise.resolve(this.address);
    }
    // A second start while the first is still binding gets the same outcome, not a second server.
    this.starting ??= this.launch(options).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async launch(options: RpcStartOptions): Promise<string> {
    const traderDir = this.mainEngine.traderDir;
    const saved = traderDir?.loadGlobal();
    const host = options.host ?? saved?.['rpc.host'] ?? GLOBAL_SCHEMA['rpc.host'].default;
    const port = options.port ?? saved?.['rpc.port'] ?? GLOBAL_SCHEMA['rpc.port'].default;
    const certFile = options.tlsCert ?? saved?.['rpc.tlsCert'] ?? '';
    const keyFile = options.tlsKey ?? saved?.['rpc.tlsKey'] ?? '';
    const insecure = options.insecure ?? saved?.['rpc.insecure'] ?? false;
    const maxClients =
      options.maxClients ?? saved?.['rpc.maxClients'] ?? GLOBAL_SCHEMA['rpc.maxClients'].default;
    if (Boolean(certFile) !== Boolean(keyFile)) {
      throw new VntError('TLS needs both rpc.tlsCert and rpc.tlsKey');
    }
    const warning = checkExposure(host, Boolean(certFile), insecure);
    const tokenDir = options.tokenDir ?? traderDir?.root;
    if (!tokenDir) throw new VntError('the RPC service needs a trader dir to keep its token in');
    const token = loadOrCreateToken(tokenDir);
    this.tokenPath = token.file;
    // Defence in depth: should the token ever end up in a message, the log shows it masked.
    redactor.add(token.token);
    const tls = certFile
      ? { cert: readPem(certFile, 'rpc.tlsCert'), key: readPem(keyFile, 'rpc.tlsKey') }
      : undefined;

    const server = new RpcServer({
      host,
      port,
      token: token.token,
      ...(tls ? { tls } : {}),
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      maxClients,
      ...(options.limits ? { limits: options.limits } : {}),
      log: (msg, level) => this.log(msg, level),
      gatewayNames: () => this.mainEngine.getAllGatewayNames(),
      handle: createMethods(this.mainEngine),
    });
    this.address = await server.start();
    this.server = server;
    this.eventEngine.registerGeneral(this.onEvent);
    if (warning) this.log(warning, LogLevel.WARNING);
    if (token.created) this.log(`generated a new RPC token in ${token.file} (give it to clients by hand)`);
    if (token.tightened) this.log(`${token.file} was readable by others; now 0600`, LogLevel.WARNING);
    this.log(`RPC service listening on ${this.address} (token in ${token.file})`);
    return this.address;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.address = '';
    this.eventEngine.unregisterGeneral(this.onEvent);
    await server.stop();
    this.log('RPC service stopped');
  }

  close(): Promise<void> {
    return this.stop();
  }

  private log(msg: string, level: LogLevel = LogLevel.INFO): void {
    this.mainEngine.writeLog(msg, RPC_SOURCE, level);
  }
}

function readPem(file: string, setting: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new VntError(`${setting}: cannot read ${file}: ${(error as Error).message}`);
  }
}

export const RpcApp: App<RpcEngine> = {
  appName: RPC_SOURCE,
  displayName: 'RPC service',
  engineClass: RpcEngine,
};

/** The RpcService engine of a session (bootstrap adds the app to every one); the console's `:rpc` uses it. */
export function getRpcEngine(mainEngine: MainEngine): RpcEngine {
  return mainEngine.getEngine<RpcEngine>(RPC_SOURCE) ?? mainEngine.addApp(RpcApp);
}
