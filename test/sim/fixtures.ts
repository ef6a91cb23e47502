// Instruments for the simulator's tests: one of each position model, with round numbers so that expected
// cash and margin can be worked out by hand.
import { Exchange, Product } from '../../src/core/constant.js';
import type { InstrumentSpec } from '../../src/sim/types.js';

export const RB: InstrumentSpec = {
  symbol: 'rb2501',
  exchange: Exchange.SHFE,
  name: '螺纹钢2501',
  product: Product.FUTURES,
  size: 10,
  pricetick: 1,
  lotSize: 1,
  minVolume: 1,
  marginRate: 0.1,
  commissionRate: 0.0001,
  offsets: 'today-yesterday',
  limitPct: 0.05,
  initialPrice: 4000,
  volatility: 0.0005,
  currency: 'CNY',
};

export const M: InstrumentSpec = {
  ...RB,
  symbol: 'm2505',
  exchange: Exchange.DCE,
  name: '豆粕2505',
  offsets: 'open-close',
  initialPrice: 3000,
};

export const STOCK: InstrumentSpec = {
  symbol: '600036',
  exchange: Exchange.SSE,
  name: '招商银行',
  product: Product.EQUITY,
  size: 1,
  pricetick: 0.01,
  lotSize: 100,
  minVolume: 100,
  commissionRate: 0,
  offsets: 'none',
  limitPct: 0.1,
  initialPrice: 35,
  volatility: 0.0003,
  currency: 'CNY',
};

export const BTC: InstrumentSpec = {
  symbol: 'BTCUSDT',
  exchange: Exchange.BINANCE,
  name: 'BTC/USDT',
  product: Product.SPOT,
  size: 1,
  pricetick: 0.01,
  lotSize: 0.001,
  minVolume: 0.001,
  commissionRate: 0.001,
  offsets: 'none',
  initialPrice: 50000,
  volatility: 0.0005,
  currency: 'USDT',
  baseAsset: 'BTC',
};

export const PERP: InstrumentSpec = {
  ...BTC,
  symbol: 'BTCPERP',
  name: 'BTC perpetual',
  product: Product.FUTURES,
  marginRate: 0.1,
  commissionRate: 0,
  baseAsset: undefined,
};

export const ALL = [RB, M, STOCK, BTC, PERP];
