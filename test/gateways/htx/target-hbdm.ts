// The HBDM gateway and the HTX simulator's derivatives paths as conformance targets: USDT-M swaps (the default
// product), coin-M swaps (product "coin-M swap", /swap-api, /swap-ws, /swap-notification) and coin-M futures
// (product "coin-M futures", /api/v1/contract_*, /ws, /notification).
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { until } from '../../helpers/wait.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData, OrderRequest, PositionData, TradeData } from '../../../src/core/object.js';
import type { Params } from '../../../gateways/htx/sim/venue.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { HbdmGateway } from '../../../gateways/htx/index.js';
import { SIM_LEVER_RATE } from '../../../gateways/htx/sim/swap.js';
import { futuresCode } from '../../../gateways/htx/sim/swap-wire.js';
import type { HbdmProduct, MarginMode } from '../../../gateways/htx/hbdm/urls.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
import type { HtxSwapVenue } from '../../../gateways/htx/sim/swap.js';
import type { ConformanceTarget } from '../../conformance/target.js';
import { quietSim } from './target.js';

export function hbdmSettingFor(sim: HtxSim, extra: GatewaySetting = {}): GatewaySetting {
  return {
    accessKey: sim.credentials.accessKey,
    secretKey: sim.credentials.secret,
    host: 'api.hbdm.com',
    leverRate: SIM_LEVER_RATE,
    restUrl: sim.restUrl,
    marketUrl: sim.linearMarketUrl,
    notifyUrl: sim.linearNotifyUrl,
    silenceMs: 30_000,
    ...extra,
  };
}

/** The setting for a coin-M product on the simulator: its product choice and its two links. */
function coinSettingFor(sim: HtxSim, futures: boolean, extra: GatewaySetting): GatewaySetting {
  return hbdmSettingFor(sim, {
    product: futures ? 'coin-M futures' : 'coin-M swap',
    marketUrl: futures ? sim.futuresMarketUrl : sim.coinSwapMarketUrl,
    notifyUrl: futures ? sim.futuresNotifyUrl : sim.coinSwapNotifyUrl,
    ...extra,
  });
}

export const hbdmCoinSettingFor = (sim: HtxSim, extra: GatewaySetting = {}): GatewaySetting =>
  coinSettingFor(sim, false, extra);

export const hbdmFuturesSettingFor = (sim: HtxSim, extra: GatewaySetting = {}): GatewaySetting =>
  coinSettingFor(sim, true, extra);

/** The simulator's quarterly BTC contract today (BTC<yyMMdd>). */
export const btcQuarter = (): string => futuresCode('BTC', 'quarter');

/** The simulator's quarterly USDT-M BTC future today (BTC-USDT-<yyMMdd>). */
export const btcUsdtQuarter = (): string => futuresCode('BTC', 'quarter', Date.now(), true);

/** USDT-M futures: the USDT-M links, cross margin (their only mode). */
export const hbdmUsdtFuturesSettingFor = (sim: HtxSim, extra: GatewaySetting = {}): GatewaySetting =>
  hbdmSettingFor(sim, { product: 'USDT-M futures', marginMode: 'cross', ...extra });

export function hbdmTarget(
  product: HbdmProduct = 'usdt-swap',
  mode: MarginMode = 'isolated',
): ConformanceTarget {
  let sim: HtxSim;
  const symbol =
    product === 'coin-futures'
      ? btcQuarter()
      : product === 'usdt-futures'
        ? btcUsdtQuarter()
        : product === 'coin-swap'
          ? 'BTC-USD'
          : 'BTC-USDT';
  const cross = mode === 'cross' || product === 'usdt-futures';
  const venue = () =>
    product === 'coin-futures'
      ? sim.futures
      : product === 'coin-swap'
        ? sim.coinSwap
        : cross
          ? sim.linearCross
          : sim.linear;
  const settingOf = (s: HtxSim) =>
    product === 'usdt-futures'
      ? hbdmUsdtFuturesSettingFor(s)
      : product === 'coin-futures'
        ? hbdmFuturesSettingFor(s)
        : product === 'coin-swap'
          ? hbdmCoinSettingFor(s)
          : hbdmSettingFor(s, cross ? { marginMode: 'cross' } : {});
  const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
  return {
    gatewayClass: HbdmGateway,
    instrument: {
      symbol,
      exchange: Exchange.HUOBI,
      openOffset: Offset.OPEN,
      restingBuyPrice: 90000,
      volume: 4,
      offTickPrice: 90000.05,
    },
    start: async () => {
      sim = await quietSim();
      return settingOf(sim);
    },
    stop: () => sim.close(),
    fill: async (direction, price, volume) =>
      sim.exchange.crossFromMarket(symbol, side(direction), price, volume),
    rejectNext: async () => {
      venue().rejectNext('Insufficient margin available.');
      return 'Insufficient margin available.';
    },
    drop: async () => sim.setReachable(false),
    fillWhileDown: async (direction, price, volume) =>
      sim.exchange.crossFromMarket(symbol, side(direction), price, volume),
    restore: async () => sim.setReachable(true),
  };
}

/** An order request on a swap contract: LIMIT unless another type is named (STOP: price is the trigger). */
export const swapOrder = (
  symbol: string,
  direction: Direction,
  offset: Offset,
  price: number,
  volume: number,
  type: OrderType = OrderType.LIMIT,
): OrderRequest => ({
  symbol,
  exchange: Exchange.HUOBI,
  direction,
  type,
  volume,
  price,
  offset,
});

export const heldPosition = (
  me: MainEngine,
  symbol: string,
  direction: Direction,
): PositionData | undefined =>
  me.getAllPositions().find((p) => p.symbol === symbol && p.direction === direction);

/** Each HBDM product and margin mode on the simulator: its setting, its BTC contract and its venue. */
export interface HbdmCase {
  what: string;
  settingOf: (sim: HtxSim, extra: GatewaySetting) => GatewaySetting;
  /** The setting's extra fields (the margin mode). */
  extra: GatewaySetting;
  code: () => string;
  venue: (sim: HtxSim) => HtxSwapVenue;
  cross: boolean;
}

export const HBDM_CASES: readonly HbdmCase[] = [
  {
    what: 'USDT-M swap',
    settingOf: hbdmSettingFor,
    extra: {},
    code: () => 'BTC-USDT',
    venue: (s) => s.linear,
    cross: false,
  },
  {
    what: 'USDT-M swap (cross)',
    settingOf: hbdmSettingFor,
    extra: { marginMode: 'cross' },
    code: () => 'BTC-USDT',
    venue: (s) => s.linearCross,
    cross: true,
  },
  {
    what: 'USDT-M future',
    settingOf: hbdmUsdtFuturesSettingFor,
    extra: {},
    code: btcUsdtQuarter,
    venue: (s) => s.linearCross,
    cross: true,
  },
  {
    what: 'coin-M swap',
    settingOf: hbdmCoinSettingFor,
    extra: {},
    code: () => 'BTC-USD',
    venue: (s) => s.coinSwap,
    cross: false,
  },
  {
    what: 'coin-M future',
    settingOf: hbdmFuturesSettingFor,
    extra: {},
    code: btcQuarter,
    venue: (s) => s.futures,
    cross: false,
  },
];

/** A trigger order's body (a sell stop to open at 90000), as the simulator reads it: every field as text. */
export const triggerBody = (extra: Record<string, string> = {}): Record<string, string> => ({
  contract_code: 'BTC-USDT',
  trigger_type: 'le',
  trigger_price: '90000',
  order_price_type: 'optimal_5',
  volume: '1',
  direction: 'sell',
  offset: 'open',
  lever_rate: String(SIM_LEVER_RATE),
  ...extra,
});

/** swap_order's body for a limit buy to open, as the gateway sends it (the simulator reads it as text). */
export const openBuyParams = (code: string, clientId: string, price: number, volume: number): Params => ({
  contract_code: code,
  client_order_id: clientId,
  price: String(price),
  volume: String(volume),
  direction: 'buy',
  offset: 'open',
  lever_rate: String(SIM_LEVER_RATE),
  order_price_type: 'limit',
});

/** A MainEngine with HBDM connected to a fresh simulator, the logs and trades it saw, and how to close both. */
export interface HbdmSession {
  me: MainEngine;
  sim: HtxSim;
  logs: LogData[];
  trades: TradeData[];
  close(): Promise<void>;
}

export async function hbdmSession(
  settingOf: (sim: HtxSim, extra: GatewaySetting) => GatewaySetting,
  extra: GatewaySetting = {},
): Promise<HbdmSession> {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  const trades: TradeData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.addGateway(HbdmGateway, 'HBDM');
  const close = async () => {
    await me.close();
    await sim.close();
  };
  try {
    await me.connect(settingOf(sim, extra), 'HBDM');
  } catch (error) {
    await close();
    throw error;
  }
  return { me, sim, logs, trades, close };
}

/** Long and short held apart with open/close offsets, then a cancel: one trade per fill, each id once. */
export async function openCloseCancel(s: HbdmSession, symbol: string): Promise<void> {
  const order = (direction: Direction, offset: Offset, price: number, volume: number) =>
    s.me.sendOrder(swapOrder(symbol, direction, offset, price, volume), 'HBDM');
  const rests = (vt: string, what: string) =>
    until(() => s.me.getOrder(vt)?.status === Status.NOTTRADED, what);
  const held = (d: Direction) => heldPosition(s.me, symbol, d)?.volume;
  await rests(order(Direction.LONG, Offset.OPEN, 90000, 3), 'long open rests');
  s.sim.exchange.crossFromMarket(symbol, 'SELL', 90000, 3);
  await until(() => held(Direction.LONG) === 3, 'long of 3 contracts');
  await rests(order(Direction.SHORT, Offset.OPEN, 99000, 2), 'short open rests');
  s.sim.exchange.crossFromMarket(symbol, 'BUY', 99000, 2);
  await until(() => held(Direction.SHORT) === 2, 'short of 2 contracts');
  assert.is(held(Direction.LONG), 3, 'the long is untouched');
  await rests(order(Direction.SHORT, Offset.CLOSE, 99100, 3), 'close rests');
  s.sim.exchange.crossFromMarket(symbol, 'BUY', 99100, 3);
  await until(() => (held(Direction.LONG) ?? -1) === 0, 'long closed');
  assert.is(held(Direction.SHORT), 2, 'the short stays');

  const resting = order(Direction.LONG, Offset.OPEN, 80000, 1);
  await rests(resting, 'resting');
  const o = s.me.getOrder(resting)!;
  s.me.cancelOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange }, 'HBDM');
  await until(() => s.me.getOrder(resting)?.status === Status.CANCELLED, 'cancelled');
  assert.is(s.trades.length, 3, 'one trade per fill');
  assert.is(new Set(s.trades.map((t) => t.vtTradeid)).size, 3, 'distinct trade ids');
}

/** A fill while the links are down is reconciled after the reconnect and booked once. */
export async function fillWhileDown(s: HbdmSession, symbol: string): Promise<void> {
  const id = s.me.sendOrder(swapOrder(symbol, Direction.LONG, Offset.OPEN, 90000, 4), 'HBDM');
  await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'rests');
  s.sim.exchange.crossFromMarket(symbol, 'SELL', 90000, 1);
  await until(() => s.trades.length === 1, 'first fill pushed');
  const auths = s.sim.counts.auths;
  s.sim.setReachable(false);
  s.sim.exchange.crossFromMarket(symbol, 'SELL', 90000, 2);
  s.sim.setReachable(true);
  await until(() => s.me.getOrder(id)?.traded === 3, 'the missed fill is reconciled');
  await until(() => heldPosition(s.me, symbol, Direction.LONG)?.volume === 3, 'position re-read');
  assert.ok(s.sim.counts.auths > auths, 'the notification link logged in again');
  assert.is(s.trades.length, 2, 'each fill once');
  assert.is(new Set(s.trades.map((t) => t.vtTradeid)).size, 2, 'distinct trade ids');
}
