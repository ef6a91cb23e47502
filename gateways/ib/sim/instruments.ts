// What the IB simulator lists: real-looking contracts keyed by conId. The matching engine knows each one by
// its conId (as text), so ids in the engine and on the wire are the same.
import { Exchange, Product } from '../../../src/core/constant.js';
import type { InstrumentSpec } from '../../../src/sim/types.js';
import { ibContract, type IbContract } from '../protocol.js';

export interface IbSimInstrument {
  contract: IbContract;
  longName: string;
  minTick: number;
  timeZoneId: string;
  /**
   * The exchanges TWS lists the contract on, in the order it sends them: a contract-details request without
   * an exchange gets one CONTRACT_DATA per listing (same conId), as real TWS answers.
   */
  listings: readonly string[];
  spec: InstrumentSpec;
}

function stock(
  conId: number,
  symbol: string,
  primary: string,
  longName: string,
  price: number,
  listings: readonly string[] = ['SMART', primary],
): IbSimInstrument {
  return {
    contract: ibContract({
      conId,
      symbol,
      secType: 'STK',
      exchange: 'SMART',
      primaryExchange: primary,
      currency: 'USD',
      localSymbol: symbol,
      tradingClass: primary === 'NASDAQ' ? 'NMS' : symbol,
    }),
    longName,
    minTick: 0.01,
    timeZoneId: 'US/Eastern',
    listings,
    spec: {
      symbol: String(conId),
      exchange: Exchange.SMART,
      name: longName,
      product: Product.EQUITY,
      size: 1,
      pricetick: 0.01,
      lotSize: 1,
      minVolume: 1,
      commissionRate: 0.0001,
      initialPrice: price,
      volatility: 0.0005,
      currency: 'USD',
    },
  };
}

export const IB_SIM_INSTRUMENTS: readonly IbSimInstrument[] = [
  stock(265598, 'AAPL', 'NASDAQ', 'APPLE INC', 190),
  stock(272093, 'MSFT', 'NASDAQ', 'MICROSOFT CORP', 410),
  stock(756733, 'SPY', 'ARCA', 'SPDR S&P 500 ETF TRUST', 520),
  // Listed SMART first and AMEX last, the order in which a recorded session saw TSLA's listings arrive.
  stock(76792991, 'TSLA', 'NASDAQ', 'TESLA INC', 250, ['SMART', 'AMEX']),
  {
    contract: ibContract({
      conId: 12087792,
      symbol: 'EUR',
      secType: 'CASH',
      exchange: 'IDEALPRO',
      currency: 'USD',
      localSymbol: 'EUR.USD',
      tradingClass: 'EUR.USD',
    }),
    longName: 'European Monetary Union Euro',
    minTick: 0.00005,
    timeZoneId: 'US/Eastern',
    listings: ['IDEALPRO'],
    spec: {
      symbol: '12087792',
      exchange: Exchange.IDEALPRO,
      name: 'EUR.USD',
      product: Product.FOREX,
      size: 1,
      pricetick: 0.00005,
      lotSize: 1,
      minVolume: 1,
      commissionRate: 0.00002,
      initialPrice: 1.085,
      volatility: 0.0002,
      currency: 'USD',
    },
  },
];

/** The simulated paper account. */
export const IB_SIM_ACCOUNT = 'DU1234567';
