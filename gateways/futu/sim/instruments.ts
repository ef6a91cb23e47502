// What the simulated OpenD lists: a few real HK, US and A-share stocks with their lot sizes, price steps and
// (for HK and CN) Chinese names, and the accounts of one Futu login. The matching engine knows each security
// as "<market>.<code>" (HK.00700), OpenD's own way of writing a code with its market.
import { Exchange, Product } from '../../../src/core/constant.js';
import type { InstrumentSpec } from '../../../src/sim/types.js';
import { QOT_MARKET, TRD_ENV, TRD_MARKET, TRD_SEC_MARKET } from '../protocol.js';

export interface FutuSimSecurity {
  qotMarket: number;
  secMarket: number;
  trdMarket: number;
  code: string;
  name: string;
  lotSize: number;
  /** OpenD's stock id (SecurityStaticBasic.id). */
  stockId: string;
  listTime: string;
  spec: InstrumentSpec;
}

function security(
  prefix: 'HK' | 'US' | 'SH' | 'SZ',
  code: string,
  name: string,
  lotSize: number,
  tick: number,
  price: number,
  stockId: string,
  listTime: string,
): FutuSimSecurity {
  const m = {
    HK: [QOT_MARKET.HK_Security, TRD_SEC_MARKET.HK, TRD_MARKET.HK, Exchange.SEHK, 'HKD'],
    US: [QOT_MARKET.US_Security, TRD_SEC_MARKET.US, TRD_MARKET.US, Exchange.SMART, 'USD'],
    SH: [QOT_MARKET.CNSH_Security, TRD_SEC_MARKET.CN_SH, TRD_MARKET.CN, Exchange.SSE, 'CNY'],
    SZ: [QOT_MARKET.CNSZ_Security, TRD_SEC_MARKET.CN_SZ, TRD_MARKET.CN, Exchange.SZSE, 'CNY'],
  }[prefix] as [number, number, number, Exchange, string];
  return {
    qotMarket: m[0],
    secMarket: m[1],
    trdMarket: m[2],
    code,
    name,
    lotSize,
    stockId,
    listTime,
    spec: {
      symbol: `${prefix}.${code}`,
      exchange: m[3],
      name,
      product: Product.EQUITY,
      size: 1,
      pricetick: tick,
      lotSize,
      minVolume: lotSize,
      commissionRate: 0.0003,
      initialPrice: price,
      volatility: 0.0005,
      currency: m[4],
    },
  };
}

export const FUTU_SIM_SECURITIES: readonly FutuSimSecurity[] = [
  security('HK', '00700', '腾讯控股', 100, 0.2, 380, '54047868453564', '2004-06-16'),
  security('HK', '09988', '阿里巴巴-W', 100, 0.05, 80, '80235167584815', '2019-11-26'),
  security('US', 'AAPL', 'Apple', 1, 0.01, 190, '205189', '1980-12-12'),
  security('SH', '600519', '贵州茅台', 100, 0.01, 1500, '77309411847', '2001-08-27'),
  security('SZ', '000001', '平安银行', 100, 0.01, 11, '111669149697', '1991-04-03'),
];

export interface FutuSimAccount {
  accID: string;
  trdEnv: number;
  markets: readonly number[];
  cardNum: string;
  currency: string;
}

/** One login's accounts: a real securities account for all three markets, and a paper account per market. */
export const FUTU_SIM_ACCOUNTS: readonly FutuSimAccount[] = [
  {
    accID: '281756455988880',
    trdEnv: TRD_ENV.Real,
    markets: [1, 2, 3],
    cardNum: '1001100321715521',
    currency: 'HKD',
  },
  { accID: '9011001', trdEnv: TRD_ENV.Simulate, markets: [1], cardNum: '', currency: 'HKD' },
  { accID: '9011002', trdEnv: TRD_ENV.Simulate, markets: [2], cardNum: '', currency: 'USD' },
  { accID: '9011003', trdEnv: TRD_ENV.Simulate, markets: [3], cardNum: '', currency: 'CNH' },
];

/** The trade password the simulated login has. */
export const FUTU_SIM_PASSWORD = '123456';
