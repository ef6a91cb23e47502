// The real console in tmux connected to a venue's simulator process (`vnt sim <venue>`), for e2e tests that
// need a gateway's own listings rather than --demo. Whatever is started is recorded in `started` for the
// test file to stop after.
import { IbGateway } from '../../gateways/ib/index.js';
import { defaultsOf, type GatewaySetting, type SettingSchema } from '../../src/core/setting-schema.js';
import { TraderDir } from '../../src/core/settings.js';
import { startProcess, VNT_BIN, type ServerProcess } from '../rpc/helpers.js';
import { tempTraderDir, Tmux } from './tmux.js';

export interface Started {
  consoles: Tmux[];
  servers: ServerProcess[];
}

export function startedList(): Started & { stop(): Promise<void> } {
  const s: Started = { consoles: [], servers: [] };
  return {
    ...s,
    async stop() {
      s.consoles.forEach((t) => t.stop());
      for (const p of s.servers) await p.kill('SIGTERM');
    },
  };
}

/** A console (120x40 unless told) on a trader dir holding one gateway's setting, connected from the palette. */
export async function connectedConsole(
  started: Started,
  name: string,
  schema: SettingSchema,
  setting: GatewaySetting,
  size: { cols: number; rows: number } = { cols: 120, rows: 40 },
): Promise<Tmux> {
  const dir = tempTraderDir();
  new TraderDir(dir).saveGatewaySetting(name, schema, { ...defaultsOf(schema), ...setting });
  const t = Tmux.start({ ...size, args: ['--trader-dir', dir] });
  started.consoles.push(t);
  await t.waitFor('connect', 'the first screen');
  t.palette(`connect ${name.toLowerCase()}`);
  await t.waitFor(`Connect ${name}`, 'the connect form');
  t.keys('Enter');
  await t.waitFor(new RegExp(`${name} ●`), `${name} connected`);
  return t;
}

/** A `vnt sim <venue>` process, ready once `ready` (its first group the address) is printed. */
export async function venueSimulator(started: Started, venue: string, ready: RegExp): Promise<ServerProcess> {
  const s = await startProcess([VNT_BIN, 'sim', venue, '--port', '0', '--tick-rate', '5'], ready);
  started.servers.push(s);
  return s;
}

/** `vnt sim ib` and a console connected to it, listing AAPL (conId 265598) under this API client id. */
export async function ibConsole(started: Started, clientId: number): Promise<Tmux> {
  const sim = await venueSimulator(started, 'ib', /listening on (127\.0\.0\.1:\d+)/);
  return connectedConsole(started, 'IB', IbGateway.defaultSetting, {
    host: '127.0.0.1',
    port: sim.port,
    clientId,
    contracts: '265598',
  });
}

/** The REST address line `vnt sim binance` prints. */
export const BINANCE_READY = /REST[^:]*:\s+(http:\/\/127\.0\.0\.1:\d+)/;

/** BINANCE spot's setting against a `vnt sim binance`, from what the simulator printed. */
export async function binanceSpotSetting(sim: ServerProcess): Promise<GatewaySetting> {
  const out = (await sim.waitFor(/test API key: (\w+)\s+test secret:\s+(\w+)/, 'the credentials')) ?? [];
  const url = (what: string) => new RegExp(`${what}:\\s+(ws://\\S+)`).exec(sim.output())![1]!;
  return {
    key: out[1]!,
    secret: out[2]!,
    market: 'SPOT',
    restUrl: sim.url,
    streamUrl: url('spot market streams'),
    wsApiUrl: url(String.raw`spot WebSocket API \(user data\)`),
  };
}
