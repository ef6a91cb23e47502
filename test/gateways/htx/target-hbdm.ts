// The HBDM gateway and the HTX simulator's swap paths as conformance targets: USDT-M (the default product)
// and coin-M (product "coin-M swap", /swap-api, /swap-ws, /swap-notification).
import { Direction, Exchange, Offset, OrderType } from '../../../src/core/constant.js';
import type { MainEngine } from '../../../src/core/engine.js';
import type { OrderRequest, PositionData } from '../../../src/core/object.js';
import type { Params } from '../../../gateways/htx/sim/venue.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { HbdmGateway } from '../../../gateways/htx/index.js';
import { SIM_LEVER_RATE } from '../../../gateways/htx/sim/swap.js';
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

/** The setting for coin-M swaps on the simulator. */
export function hbdmCoinSettingFor(sim: HtxSim, extra: GatewaySetting = {}): GatewaySetting {
  return hbdmSettingFor(sim, {
    product: 'coin-M swap',
    marketUrl: sim.coinSwapMarketUrl,
    notifyUrl: sim.coinSwapNotifyUrl,
    ...extra,
  });
}

export function hbdmTarget(product: 'usdt-swap' | 'coin-swap' = 'usdt-swap'): ConformanceTarget {
  let sim: HtxSim;
  const coin = product === 'coin-swap';
  const symbol = coin ? 'BTC-USD' : 'BTC-USDT';
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
      return coin ? hbdmCoinSettingFor(sim) : hbdmSettingFor(sim);
    },
    stop: () => sim.close(),
    fill: async (direction, price, volume) =>
      sim.exchange.crossFromMarket(symbol, side(direction), price, volume),
    rejectNext: async () => {
      (coin ? sim.coinSwap : sim.linear).rejectNext('Insufficient margin available.');
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
