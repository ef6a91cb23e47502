// `vnt serve`: a headless vnt that connects its gateways (those named on the command line, else every one with
// a saved connect_<name>.json) and shares them through the RPC service, logging to stdout, until SIGINT or
// SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../core/errors.js';
import { connectFileName, resolveTraderDir } from '../core/settings.js';
import type { GatewayClass } from '../core/gateway.js';
import { LogLevel } from '../core/constant.js';
import type { GatewaySetting } from '../core/setting-schema.js';
import { getRpcEngine, type RpcStartOptions } from '../rpc/engine.js';
import { bootstrap } from './bootstrap.js';
import { GATEWAYS, loadGatewayClass } from './gateways.js';

export interface ServeCliOptions {
  demo?: boolean;
  host?: string;
  port?: string;
  insecure?: boolean;
  traderDir?: string;
}

export interface ServeGateway {
  gatewayClass: GatewayClass;
  /** Defaults to the class's defaultName. */
  name?: string;
  /** Defaults to connect_<name>.json in the trader dir. */
  setting?: GatewaySetting;
}

export interface Serving {
  url: string;
  stop(): Promise<void>;
}

/** Connects the gateways, then starts the RPC service; a gateway that fails to connect stops the start-up. */
export async function serve(options: {
  traderDir?: string;
  gateways: ServeGateway[];
  rpc: RpcStartOptions;
}): Promise<Serving> {
  const { mainEngine, traderDir } = bootstrap({
    ...(options.traderDir ? { traderDir: options.traderDir } : {}),
    logTo: process.stdout,
  });
  const rpc = getRpcEngine(mainEngine);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await rpc.stop();
      mainEngine.eventEngine.drain();
      await mainEngine.close();
    })());
  try {
    for (const g of options.gateways) {
      const name = g.name ?? g.gatewayClass.defaultName;
      mainEngine.addGateway(g.gatewayClass, name);
      const setting = g.setting ?? traderDir.loadGatewaySetting(name, g.gatewayClass.defaultSetting);
      mainEngine.writeLog(`connecting ${name}`);
      await mainEngine.connect(setting, name);
    }
    if (options.gateways.length === 0) {
      mainEngine.writeLog('no gateway named: serving an empty session', '', LogLevel.WARNING);
    }
    const url = await rpc.start(options.rpc);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops cleanly on the first SIGINT/SIGTERM; a second one exits at once. */
export function stopOnSignals(serving: Serving): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stdout.write(`received ${signal}; shutting down\n`);
    serving.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`vnt serve: shutdown failed: ${errorMessage(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Gateways with a saved connect_<name>.json in the trader dir: what `vnt serve` connects when none is named. */
export function savedGatewayNames(traderDir: string): string[] {
  return Object.keys(GATEWAYS).filter((name) => fs.existsSync(path.join(traderDir, connectFileName(name))));
}

export async function runServe(gatewayNames: string[], opts: ServeCliOptions): Promise<void> {
  const names = [...gatewayNames];
  if (opts.demo && !names.some((n) => n.split('=')[0]!.toUpperCase() === 'SIM')) names.unshift('SIM');
  if (names.length === 0) names.push(...savedGatewayNames(resolveTraderDir({ override: opts.traderDir })));
  const gateways: ServeGateway[] = [];
  for (const word of names) {
    // NAME=CLASS adds another gateway of a class under its own name (CTP2=CTP: a second account, settings
    // from connect_CTP2.json).
    const [name = '', className = name] = word.split('=');
    gateways.push({ gatewayClass: await loadGatewayClass(className), name: name.toUpperCase() });
  }
  const rpc: RpcStartOptions = {};
  if (opts.host !== undefined) rpc.host = opts.host;
  if (opts.port !== undefined) {
    if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535) {
      throw new Error(`--port must be a port number, got "${opts.port}"`);
    }
    rpc.port = Number(opts.port);
  }
  if (opts.insecure) rpc.insecure = true;
  const serving = await serve({ ...(opts.traderDir ? { traderDir: opts.traderDir } : {}), gateways, rpc });
  stopOnSignals(serving);
}
