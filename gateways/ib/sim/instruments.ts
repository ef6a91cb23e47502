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
  /** The daily sessions (HHMM in timeZoneId's time): all trading, and the liquid (regular) part of it. */
  hours: {
    trading: readonly [string, string];
    liquid: readonly [string, string];
    closedOn: readonly number[];
  };
  /**
   * The exchanges TWS lists the contract on, in the order it sends them: a contract-details request without
   * an exchange gets one CONTRACT_DATA per listing (same conId), as real TWS answers.
   */
  listings: readonly string[];
  /** What a what-if order says a position takes, as fractions of its value: initial and maintenance margin. */
  margin: { initial: number; maintenance: number };
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
    // Pre-market to after-hours, regular session inside; no weekend sessions.
    hours: { trading: ['0400', '2000'], liquid: ['0930', '1600'], closedOn: [0, 6] },
    listings,
    // Regulation T's stock figures: half the value to open, a quarter to hold.
    margin: { initial: 0.5, maintenance: 0.25 },
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
    // Round the clock from 17:15 to 17:00 the next day, Sunday evening to Friday.
    hours: { trading: ['1715', '1700'], liquid: ['1715', '1700'], closedOn: [5, 6] },
    listings: ['IDEALPRO'],
    margin: { initial: 0.03, maintenance: 0.03 },
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

const ymd = (t: number): string => new Date(t).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * A schedule for the days from `now` (UTC dates), worded as TWS 970+ words tradingHours and liquidHours:
 * "20250324:0400-20250324:2000;20250325:0400-20250325:2000;20250329:CLOSED"; a session whose close is not
 * after its open ends the next day.
 */
export function simSchedule(
  session: readonly [string, string],
  closedOn: readonly number[],
  now: number,
  days = 3,
): string {
  const dayMs = 86_400_000;
  const out: string[] = [];
  for (let k = 0; k < days; k++) {
    const t = now + k * dayMs;
    const date = ymd(t);
    if (closedOn.includes(new Date(t).getUTCDay())) {
      out.push(`${date}:CLOSED`);
      continue;
    }
    const [open, close] = session;
    const end = close > open ? date : ymd(t + dayMs);
    out.push(`${date}:${open}-${end}:${close}`);
  }
  return out.join(';');
}
