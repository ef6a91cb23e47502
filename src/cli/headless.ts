// `vnt --demo --headless`: the session without the terminal UI. Connects the embedded simulated exchange,
// writes ticks (at most one line per contract every TICK_LINE_MS), orders, trades, positions and accounts to
// stdout as plain lines, and reads trading commands (commands.ts) from stdin, so scripts can trade. Ctrl-C,
// SIGTERM, "quit" and the end of stdin all close the engine and exit with status 0.
import readline from 'node:readline';
import { errorMessage } from '../core/errors.js';
import type { MainEngine } from '../core/engine.js';
import { cancelRequestFor, type OrderData, type TickData, type TradeData } from '../core/object.js';
import { defaultsOf } from '../core/setting-schema.js';
import { decimalsOf } from '../core/validate.js';
import { bootstrap } from './bootstrap.js';
import { COMMAND_HELP, parseCommand, toOrderRequest, type Command } from './commands.js';
import { loadGatewayClass } from './gateways.js';
import type { ConsoleOptions } from './options.js';

/** A contract's tick is written at most this often (the market sends many more). */
const TICK_LINE_MS = 2000;

export interface HeadlessIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

export async function runHeadless(
  opts: ConsoleOptions,
  io: HeadlessIO = { input: process.stdin, output: process.stdout },
): Promise<void> {
  if (!opts.demo) {
    process.stderr.write(
      'vnt: --headless needs --demo for now (it trades on the embedded simulated exchange)\n',
    );
    process.exitCode = 2;
    return;
  }
  const out = (line: string): void => {
    io.output.write(line + '\n');
  };
  const { mainEngine: me } = bootstrap({
    ...(opts.traderDir ? { traderDir: opts.traderDir } : {}),
    logTo: io.output,
  });
  const session = new HeadlessSession(me, out);
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  let closing = false;
  let rl: readline.Interface | undefined;
  const shutdown = (why: string): void => {
    if (closing) return;
    closing = true;
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    rl?.close();
    if (io.input === process.stdin) process.stdin.destroy();
    void me
      .close()
      .catch((error: unknown) => process.stderr.write(`vnt: ${errorMessage(error)}\n`))
      .finally(() => {
        out(`BYE ${why}`);
        finished();
      });
  };
  const onSigint = (): void => shutdown('interrupted');
  const onSigterm = (): void => shutdown('terminated');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  // A reader that went away (EPIPE) ends the session rather than crashing it.
  io.output.on('error', () => shutdown('output closed'));

  try {
    const gatewayClass = await loadGatewayClass('SIM');
    me.addGateway(gatewayClass);
    await me.connect(defaultsOf(gatewayClass.defaultSetting), gatewayClass.defaultName);
  } catch (error) {
    process.stderr.write(`vnt: ${errorMessage(error)}\n`);
    process.exitCode = 1;
    shutdown('connect failed');
    return done;
  }
  if (closing) return done;
  // connect() resolves once the gateway has pushed its contracts; let the bus deliver them to the OMS.
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  const contracts = me.getAllContracts();
  for (const c of contracts) me.subscribe({ symbol: c.symbol, exchange: c.exchange }, c.gatewayName);
  out(`READY ${contracts.length} contracts: ${contracts.map((c) => c.vtSymbol).join(' ')}`);
  out('type "help" for commands');

  // Lines run one at a time with a turn of the event loop after each, so a command sees the effects of the
  // one before it (a script's "cancel all" after a "buy" finds that order).
  const queue: string[] = [];
  let pumping = false;
  let inputEnded = false;
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    for (let line = queue.shift(); line !== undefined && !closing; line = queue.shift()) {
      const parsed = parseCommand(line);
      if (!parsed) continue;
      if (!parsed.ok) out(`ERROR ${parsed.error}`);
      else if (parsed.command.kind === 'quit') shutdown('quit');
      else session.execute(parsed.command);
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    }
    pumping = false;
    if (inputEnded) shutdown('end of input');
  };
  rl = readline.createInterface({ input: io.input, terminal: false });
  rl.on('line', (line) => {
    queue.push(line);
    void pump();
  });
  rl.on('close', () => {
    inputEnded = true;
    if (!pumping && queue.length === 0) shutdown('end of input');
  });
  return done;
}

/** Turns events into lines and commands into requests. */
class HeadlessSession {
  private readonly lastTickLine = new Map<string, number>();

  constructor(
    private readonly me: MainEngine,
    private readonly out: (line: string) => void,
  ) {
    const ee = me.eventEngine;
    ee.register('tick', (e) => this.onTick(e.data));
    ee.register('order', (e) => this.out(this.orderLine(e.data)));
    ee.register('trade', (e) => this.out(this.tradeLine(e.data)));
    ee.register('position', (e) => {
      const p = e.data;
      this.out(
        `POSITION ${p.vtSymbol} ${p.direction} ${p.volume} (yesterday ${p.ydVolume}, frozen ${p.frozen}) ` +
          `avg ${this.price(p.vtSymbol, p.price, 2)} pnl ${p.pnl.toFixed(2)}`,
      );
    });
    ee.register('account', (e) => {
      const a = e.data;
      this.out(
        `ACCOUNT ${a.vtAccountid} balance ${a.balance.toFixed(2)} frozen ${a.frozen.toFixed(2)} ` +
          `available ${a.available.toFixed(2)} ${a.currency}`,
      );
    });
  }

  execute(command: Exclude<Command, { kind: 'quit' }>): void {
    const me = this.me;
    try {
      switch (command.kind) {
        case 'order': {
          const contract = me.getContract(command.vtSymbol);
          if (!contract) throw new Error(`unknown contract ${command.vtSymbol}`);
          me.sendOrder(toOrderRequest(command, contract, 'headless'), contract.gatewayName);
          break;
        }
        case 'cancel': {
          const order = me.getOrder(command.vtOrderid);
          if (!order) throw new Error(`no order ${command.vtOrderid}`);
          me.cancelOrder(cancelRequestFor(order), order.gatewayName);
          break;
        }
        case 'cancelAll':
          this.out(`CANCEL ALL: ${me.cancelAll(command.vtSymbol ?? '')} cancel request(s) sent`);
          break;
        case 'subscribe': {
          const contract = me.getContract(command.vtSymbol);
          if (!contract) throw new Error(`unknown contract ${command.vtSymbol}`);
          me.subscribe({ symbol: contract.symbol, exchange: contract.exchange }, contract.gatewayName);
          this.lastTickLine.delete(contract.vtSymbol);
          break;
        }
        case 'help':
          this.out(COMMAND_HELP);
          break;
      }
    } catch (error) {
      this.out(`ERROR ${errorMessage(error)}`);
    }
  }

  private onTick(t: TickData): void {
    const now = Date.now();
    const last = this.lastTickLine.get(t.vtSymbol);
    if (last !== undefined && now - last < TICK_LINE_MS) return;
    this.lastTickLine.set(t.vtSymbol, now);
    const p = (x: number): string => this.price(t.vtSymbol, x);
    this.out(
      `TICK ${t.vtSymbol} ${t.name} last ${p(t.lastPrice)} bid ${p(t.bidPrice1)} x ${t.bidVolume1} ` +
        `ask ${p(t.askPrice1)} x ${t.askVolume1} volume ${t.volume}`,
    );
  }

  private orderLine(o: OrderData): string {
    const price = o.type === 'MARKET' ? 'market' : `@ ${this.price(o.vtSymbol, o.price)}`;
    const msg = o.statusMsg ? ` (${o.statusMsg})` : '';
    return (
      `ORDER ${o.vtOrderid} ${o.direction} ${o.offset} ${o.vtSymbol} ${o.volume} ${price} ${o.type} ` +
      `${o.status} traded ${o.traded}${msg}`
    );
  }

  private tradeLine(t: TradeData): string {
    return (
      `TRADE ${t.vtTradeid} order ${t.vtOrderid} ${t.direction} ${t.offset} ${t.vtSymbol} ` +
      `${t.volume} @ ${this.price(t.vtSymbol, t.price)}`
    );
  }

  /** A price with its contract's decimals (plus `extra` for averages, which fall between ticks). */
  private price(vtSymbol: string, x: number, extra = 0): string {
    const tick = this.me.getContract(vtSymbol)?.pricetick;
    if (!tick) return String(x);
    const text = x.toFixed(decimalsOf(tick) + extra);
    return extra ? String(Number(text)) : text;
  }
}
