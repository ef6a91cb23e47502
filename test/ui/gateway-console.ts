// A console started on one real gateway (no --demo) against that gateway's simulator, connected from the
// palette: the console tests about what a venue's own data looks like on screen start from here.
import { defaultsOf, type GatewaySetting, type SettingSchema } from '../../src/core/setting-schema.js';
import { TraderDir } from '../../src/core/settings.js';
import { startProcess, VNT_BIN, type ServerProcess } from '../rpc/helpers.js';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

export class GatewayConsoles {
  private readonly started: Tmux[] = [];
  private readonly servers: ServerProcess[] = [];

  /** A console on a trader dir holding one gateway's setting, connected to it from the palette. */
  async connected(
    name: string,
    schema: SettingSchema,
    setting: GatewaySetting,
    size: { cols: number; rows: number } = { cols: 120, rows: 40 },
  ): Promise<Tmux> {
    const dir = tempTraderDir();
    new TraderDir(dir).saveGatewaySetting(name, schema, { ...defaultsOf(schema), ...setting });
    const t = Tmux.start({ ...size, args: ['--trader-dir', dir] });
    this.started.push(t);
    await t.waitFor('connect', 'the first screen');
    t.palette(`connect ${name.toLowerCase()}`);
    await t.waitFor(`Connect ${name}`, 'the connect form');
    t.keys('Enter');
    await t.waitFor(new RegExp(`${name} ●`), `${name} connected`);
    return t;
  }

  /** A `vnt sim <venue>` process, ready once `ready` (its first group the address) is printed. */
  async simulator(venue: string, ready: RegExp): Promise<ServerProcess> {
    const s = await startProcess([VNT_BIN, 'sim', venue, '--port', '0', '--tick-rate', '5'], ready);
    this.servers.push(s);
    return s;
  }

  /** The setting of BINANCE spot against a `vnt sim binance`, from what the simulator printed. */
  static async binanceSpot(sim: ServerProcess): Promise<GatewaySetting> {
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

  async stop(): Promise<void> {
    this.started.forEach((t) => t.stop());
    for (const s of this.servers) await s.kill('SIGTERM');
  }
}

/** The REST address line `vnt sim binance` prints. */
export const BINANCE_READY = /REST[^:]*:\s+(http:\/\/127\.0\.0\.1:\d+)/;
