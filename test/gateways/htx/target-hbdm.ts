// The HBDM gateway and the HTX simulator's derivatives paths as conformance targets: USDT-M swaps (the default
// product), coin-M swaps (product "coin-M swap", /swap-api, /swap-ws, /swap-notification) and coin-M futures
// (product "coin-M futures", /api/v1/contract_*, /ws, /notification).
import { Direction, Exchange, Offset, OrderType } from '../../../src/core/constant.js';
import type { MainEngine } from '../../../src/core/engine.js';
import type { OrderRequest, PositionData } from '../../../src/core/object.js';
import type { Params } from '../../../gateways/htx/sim/venue.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { HbdmGateway } from '../../../gateways/htx/index.js';
import { SIM_LEVER_RATE } from '../../../gateways/htx/sim/swap.js';
import { futuresCode } from '../../../gateways/htx/sim/swap-wire.js';
import type { HbdmProduct } from '../../../gateways/htx/hbdm/urls.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
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

export function hbdmTarget(product: HbdmProduct = 'usdt-swap'): ConformanceTarget {
  let sim: HtxSim;
  const symbol = product === 'coin-futures' ? btcQuarter() : product === 'coin-swap' ? 'BTC-USD' : 'BTC-USDT';
  const venue = () =>
    product === 'coin-futures' ? sim.futures : product === 'coin-swap' ? sim.coinSwap : sim.linear;
  const settingOf = (s: HtxSim) =>
    product === 'coin-futures'
      ? hbdmFuturesSettingFor(s)
      : product === 'coin-swap'
        ? hbdmCoinSettingFor(s)
        : hbdmSettingFor(s);
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

/** A LIMIT order request on a swap contract. */
export const swapOrder = (
  symbol: string,
  direction: Direction,
  offset: Offset,
  price: number,
  volume: number,
): OrderRequest => ({
  symbol,
  exchange: Exchange.HUOBI,
  direction,
  type: OrderType.LIMIT,
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
