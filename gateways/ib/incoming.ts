// Messages TWS sends to the client, for the negotiated server version: the simulator encodes them and the
// gateway decodes them, one field order per message in one place. Long messages (OPEN_ORDER, CONTRACT_DATA)
// are decoded only as far as the gateway needs; the frame length makes skipping the tail safe.
import { FieldReader, optionalDouble, UNSET_DOUBLE, UNSET_INTEGER, type Field } from './codec.js';
import {
  CONTRACT_NO_PRIMARY,
  CONTRACT_PORTFOLIO,
  ibContract,
  IN,
  readContract,
  SERVER_VERSION,
  writeContract,
  type IbContract,
} from './protocol.js';

export interface TickPrice {
  reqId: number;
  tickType: number;
  price: number;
  size: number;
  attrMask: number;
}
export interface TickSize {
  reqId: number;
  tickType: number;
  size: number;
}
export interface TickString {
  reqId: number;
  tickType: number;
  value: string;
}
export interface OrderStatusMsg {
  orderId: number;
  status: string;
  filled: number;
  remaining: number;
  avgFillPrice: number;
  permId: number;
  parentId: number;
  lastFillPrice: number;
  clientId: number;
  whyHeld: string;
  mktCapPrice: number;
}
export interface ErrorMsg {
  reqId: number;
  code: number;
  message: string;
  advancedOrderRejectJson: string;
}
export interface OpenOrderMsg {
  orderId: number;
  contract: IbContract;
  action: string;
  totalQuantity: number;
  orderType: string;
  lmtPrice: number;
  auxPrice: number;
  tif: string;
  account: string;
  orderRef: string;
  clientId: number;
  permId: number;
  /** Order state; written by the simulator, not decoded by the gateway (ORDER_STATUS follows). */
  status: string;
}
export interface AccountValueMsg {
  key: string;
  value: string;
  currency: string;
  account: string;
}
export interface PortfolioMsg {
  contract: IbContract;
  position: number;
  marketPrice: number;
  marketValue: number;
  averageCost: number;
  unrealizedPnl: number;
  realizedPnl: number;
  account: string;
}
export interface ContractDetailsMsg {
  reqId: number;
  contract: IbContract;
  marketName: string;
  minTick: number;
  orderTypes: string;
  validExchanges: string;
  longName: string;
  timeZoneId: string;
  minSize: number;
  sizeIncrement: number;
}
export interface Execution {
  execId: string;
  /** "yyyymmdd hh:mm:ss[ tz]". */
  time: string;
  account: string;
  exchange: string;
  /** BOT or SLD. */
  side: string;
  shares: number;
  price: number;
  permId: number;
  clientId: number;
  cumQty: number;
  avgPrice: number;
  orderRef: string;
}
export interface ExecutionMsg {
  reqId: number;
  orderId: number;
  contract: IbContract;
  execution: Execution;
}
export interface DepthMsg {
  reqId: number;
  position: number;
  /** 0 insert, 1 update, 2 delete. */
  operation: number;
  /** 0 ask, 1 bid. */
  side: number;
  price: number;
  size: number;
}
export interface HistoricalBar {
  /** "yyyymmdd" for daily bars, epoch seconds (formatDate 2) or "yyyymmdd  hh:mm:ss" otherwise. */
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  barCount: number;
}
export interface HistoricalDataMsg {
  reqId: number;
  start: string;
  end: string;
  bars: HistoricalBar[];
}
export interface CommissionMsg {
  execId: string;
  commission: number;
  currency: string;
  realizedPnl: number;
}
export interface PositionMsg {
  account: string;
  contract: IbContract;
  position: number;
  avgCost: number;
}

export type ServerMessage =
  | { kind: 'tickPrice'; msg: TickPrice }
  | { kind: 'tickSize'; msg: TickSize }
  | { kind: 'tickString'; msg: TickString }
  | { kind: 'orderStatus'; msg: OrderStatusMsg }
  | { kind: 'error'; msg: ErrorMsg }
  | { kind: 'openOrder'; msg: OpenOrderMsg }
  | { kind: 'accountValue'; msg: AccountValueMsg }
  | { kind: 'portfolio'; msg: PortfolioMsg }
  | { kind: 'accountTime'; time: string }
  | { kind: 'nextValidId'; orderId: number }
  | { kind: 'contractDetails'; msg: ContractDetailsMsg }
  | { kind: 'execution'; msg: ExecutionMsg }
  | { kind: 'depth'; msg: DepthMsg }
  | { kind: 'managedAccounts'; accounts: string[] }
  | { kind: 'historicalData'; msg: HistoricalDataMsg }
  | { kind: 'currentTime'; time: number }
  | { kind: 'contractDetailsEnd'; reqId: number }
  | { kind: 'openOrderEnd' }
  | { kind: 'accountDownloadEnd'; account: string }
  | { kind: 'executionEnd'; reqId: number }
  | { kind: 'commission'; msg: CommissionMsg }
  | { kind: 'position'; msg: PositionMsg }
  | { kind: 'positionEnd' }
  | { kind: 'other'; msgId: number };

// ---- decoding (client side) -------------------------------------------------------------------------------

/** Decodes one TWS message. Throws FrameError when a numeric field is garbage. */
export function decodeServerMessage(fields: readonly string[], serverVersion: number): ServerMessage {
  const r = new FieldReader(fields);
  const msgId = r.int();
  switch (msgId) {
    case IN.TICK_PRICE:
      r.skip();
      return {
        kind: 'tickPrice',
        msg: { reqId: r.id(), tickType: r.int(), price: r.num(), size: r.num(), attrMask: r.int() },
      };
    case IN.TICK_SIZE:
      r.skip();
      return { kind: 'tickSize', msg: { reqId: r.id(), tickType: r.int(), size: r.num() } };
    case IN.TICK_STRING:
      r.skip();
      return { kind: 'tickString', msg: { reqId: r.id(), tickType: r.int(), value: r.str() } };
    case IN.ORDER_STATUS:
      return {
        kind: 'orderStatus',
        msg: {
          orderId: r.id(),
          status: r.str(),
          filled: r.num(),
          remaining: r.num(),
          avgFillPrice: r.num(),
          permId: r.int(),
          parentId: r.int(),
          lastFillPrice: r.num(),
          clientId: r.int(),
          whyHeld: r.str(),
          mktCapPrice: r.num(),
        },
      };
    case IN.ERR_MSG:
      r.skip();
      return {
        kind: 'error',
        msg: { reqId: r.id(), code: r.int(), message: r.str(), advancedOrderRejectJson: r.str() },
      };
    case IN.OPEN_ORDER: {
      const orderId = r.id();
      const contract = readContract(r, CONTRACT_NO_PRIMARY);
      const msg: OpenOrderMsg = {
        orderId,
        contract,
        action: r.str(),
        totalQuantity: r.num(),
        orderType: r.str(),
        lmtPrice: r.num(),
        auxPrice: r.num(),
        tif: r.str(),
        account: (r.skip(), r.str()), // after ocaGroup
        orderRef: (r.skip(2), r.str()), // after openClose, origin
        clientId: r.int(),
        permId: r.int(),
        status: '',
      };
      return { kind: 'openOrder', msg };
    }
    case IN.ACCT_VALUE:
      r.skip();
      return {
        kind: 'accountValue',
        msg: { key: r.str(), value: r.str(), currency: r.str(), account: r.str() },
      };
    case IN.PORTFOLIO_VALUE: {
      r.skip(); // version 8
      const contract = readContract(r, CONTRACT_PORTFOLIO);
      return {
        kind: 'portfolio',
        msg: {
          contract,
          position: r.num(),
          marketPrice: r.num(),
          marketValue: r.num(),
          averageCost: r.num(),
          unrealizedPnl: r.num(),
          realizedPnl: r.num(),
          account: r.str(),
        },
      };
    }
    case IN.ACCT_UPDATE_TIME:
      r.skip();
      return { kind: 'accountTime', time: r.str() };
    case IN.NEXT_VALID_ID:
      r.skip();
      return { kind: 'nextValidId', orderId: r.id() };
    case IN.CONTRACT_DATA: {
      const reqId = r.id();
      const c = ibContract({
        symbol: r.str(),
        secType: r.str(),
        lastTradeDateOrContractMonth: r.str().split(/[- ]/)[0] ?? '',
        strike: r.num(),
        right: r.str(),
        exchange: r.str(),
        currency: r.str(),
        localSymbol: r.str(),
      });
      const marketName = r.str();
      c.tradingClass = r.str();
      c.conId = r.int();
      const minTick = r.num();
      c.multiplier = r.str();
      const orderTypes = r.str();
      const validExchanges = r.str();
      r.skip(2); // priceMagnifier, underConId
      const longName = r.str();
      c.primaryExchange = r.str();
      r.skip(4); // contractMonth, industry, category, subcategory
      const timeZoneId = r.str();
      r.skip(4); // tradingHours, liquidHours, evRule, evMultiplier
      const secIds = r.int();
      r.skip(secIds * 2 + 6); // secIdList, aggGroup, underSymbol, underSecType, marketRuleIds,
      // realExpirationDate, stockType
      const minSize = r.num();
      const sizeIncrement = r.num();
      return {
        kind: 'contractDetails',
        msg: {
          reqId,
          contract: c,
          marketName,
          minTick,
          orderTypes,
          validExchanges,
          longName,
          timeZoneId,
          minSize,
          sizeIncrement,
        },
      };
    }
    case IN.EXECUTION_DATA: {
      const reqId = r.id();
      const orderId = r.id();
      const contract = readContract(r, CONTRACT_NO_PRIMARY);
      const execution: Execution = {
        execId: r.str(),
        time: r.str(),
        account: r.str(),
        exchange: r.str(),
        side: r.str(),
        shares: r.num(),
        price: r.num(),
        permId: r.int(),
        clientId: r.int(),
        cumQty: (r.skip(), r.num()), // after liquidation
        avgPrice: r.num(),
        orderRef: r.str(),
      };
      return { kind: 'execution', msg: { reqId, orderId, contract, execution } };
    }
    case IN.MARKET_DEPTH:
      r.skip();
      return {
        kind: 'depth',
        msg: {
          reqId: r.id(),
          position: r.int(),
          operation: r.int(),
          side: r.int(),
          price: r.num(),
          size: r.num(),
        },
      };
    case IN.MARKET_DEPTH_L2:
      r.skip();
      return {
        kind: 'depth',
        msg: {
          reqId: r.id(),
          position: r.int(),
          operation: (r.skip(), r.int()), // after marketMaker
          side: r.int(),
          price: r.num(),
          size: r.num(),
        },
      };
    case IN.MANAGED_ACCTS:
      r.skip();
      return {
        kind: 'managedAccounts',
        accounts: r
          .str()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case IN.HISTORICAL_DATA: {
      const reqId = r.id();
      const start = r.str();
      const end = r.str();
      const count = r.int();
      const bars: HistoricalBar[] = [];
      for (let i = 0; i < count && r.remaining > 0; i++) {
        bars.push({
          date: r.str(),
          open: r.num(),
          high: r.num(),
          low: r.num(),
          close: r.num(),
          volume: r.num(),
          wap: r.num(),
          barCount: r.int(),
        });
      }
      return { kind: 'historicalData', msg: { reqId, start, end, bars } };
    }
    case IN.CURRENT_TIME:
      r.skip();
      return { kind: 'currentTime', time: r.int() };
    case IN.CONTRACT_DATA_END:
      r.skip();
      return { kind: 'contractDetailsEnd', reqId: r.id() };
    case IN.OPEN_ORDER_END:
      return { kind: 'openOrderEnd' };
    case IN.ACCT_DOWNLOAD_END:
      r.skip();
      return { kind: 'accountDownloadEnd', account: r.str() };
    case IN.EXECUTION_DATA_END:
      r.skip();
      return { kind: 'executionEnd', reqId: r.id() };
    case IN.COMMISSION_REPORT:
      r.skip();
      return {
        kind: 'commission',
        msg: { execId: r.str(), commission: r.num(), currency: r.str(), realizedPnl: r.num() },
      };
    case IN.POSITION_DATA: {
      r.skip(); // version 3
      const account = r.str();
      const contract = readContract(r, CONTRACT_NO_PRIMARY);
      return { kind: 'position', msg: { account, contract, position: r.num(), avgCost: r.num() } };
    }
    case IN.POSITION_END:
      return { kind: 'positionEnd' };
    default:
      return { kind: 'other', msgId };
  }
}

// ---- encoding (simulator side) ----------------------------------------------------------------------------

export function serverHello(serverVersion: number, connectionTime: string): Field[] {
  return [serverVersion, connectionTime];
}

export function tickPrice(m: TickPrice): Field[] {
  return [IN.TICK_PRICE, 6, m.reqId, m.tickType, m.price, m.size, m.attrMask];
}

export function tickSize(m: TickSize): Field[] {
  return [IN.TICK_SIZE, 6, m.reqId, m.tickType, m.size];
}

export function tickString(m: TickString): Field[] {
  return [IN.TICK_STRING, 6, m.reqId, m.tickType, m.value];
}

export function orderStatus(m: OrderStatusMsg): Field[] {
  return [
    IN.ORDER_STATUS,
    m.orderId,
    m.status,
    m.filled,
    m.remaining,
    m.avgFillPrice,
    m.permId,
    m.parentId,
    m.lastFillPrice,
    m.clientId,
    m.whyHeld,
    m.mktCapPrice,
  ];
}

export function errorMessage(m: ErrorMsg): Field[] {
  return [IN.ERR_MSG, 2, m.reqId, m.code, m.message, m.advancedOrderRejectJson];
}

/** OPEN_ORDER with every field IB's decoder reads for this server version (defaults past what vnt uses). */
export function openOrder(serverVersion: number, m: OpenOrderMsg): Field[] {
  const f: Field[] = [IN.OPEN_ORDER, m.orderId, ...writeContract(m.contract, CONTRACT_NO_PRIMARY)];
  f.push(m.action, m.totalQuantity, m.orderType, optionalDouble(m.lmtPrice), optionalDouble(m.auxPrice));
  // tif, ocaGroup, account, openClose, origin, orderRef, clientId, permId, outsideRth, hidden,
  // discretionaryAmt, goodAfterTime, sharesAllocation, faGroup, faMethod, faPercentage
  f.push(m.tif, '', m.account, 'O', 0, m.orderRef, m.clientId, m.permId, false, false, 0, '', '', '', '', '');
  if (serverVersion < SERVER_VERSION.FA_PROFILE_DESUPPORT) f.push(''); // faProfile
  // modelCode, goodTillDate, rule80A, percentOffset, settlingFirm, shortSaleSlot, designatedLocation,
  // exemptCode, auctionStrategy, startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper
  f.push('', '', '', '', '', 0, '', -1, 0, '', '', '', '', '');
  // displaySize, blockOrder, sweepToFill, allOrNone, minQty, ocaType, eTradeOnly, firmQuoteOnly,
  // nbboPriceCap, parentId, triggerMethod
  f.push('', false, false, false, '', 0, false, false, '', 0, 0);
  // volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice, continuousUpdate,
  // referencePriceType, trailStopPrice, trailingPercent, basisPoints, basisPointsType
  f.push('', 0, '', '', false, 0, '', '', '', '');
  // comboLegsDescrip, comboLegs count, orderComboLegs count, smartComboRoutingParams count
  f.push('', 0, 0, 0);
  f.push('', '', ''); // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
  f.push(''); // hedgeType
  f.push(false); // optOutSmartRouting
  f.push('', ''); // clearingAccount, clearingIntent
  f.push(false); // notHeld
  f.push(false); // deltaNeutralContract present
  f.push(''); // algoStrategy
  f.push(false); // solicited
  f.push(false, m.status); // whatIf, order state status
  // margin before/change/after (9 strings), commission, min, max, commissionCurrency, warningText
  f.push('', '', '', '', '', '', '', '', '', '', '', '', '', '');
  f.push(false, false); // randomizeSize, randomizePrice
  f.push(0); // conditions count
  // adjustedOrderType, triggerPrice, trailStopPrice, lmtPriceOffset, adjustedStopPrice,
  // adjustedStopLimitPrice, adjustedTrailingAmount, adjustableTrailingUnit
  f.push('', UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, 0);
  f.push('', '', ''); // softDollarTier name, value, displayName
  f.push(UNSET_DOUBLE); // cashQty
  f.push(false, false, false); // dontUseAutoPriceForHedge, isOmsContainer, discretionaryUpToLimitPrice
  f.push(false); // usePriceMgmtAlgo
  f.push(UNSET_INTEGER, UNSET_INTEGER); // duration, postToAts
  f.push(false); // autoCancelParent
  f.push('', '', '', '', ''); // minTradeQty, minCompeteSize, competeAgainstBestOffset, midOffsetAtWhole/Half
  return f;
}

export function accountValue(m: AccountValueMsg): Field[] {
  return [IN.ACCT_VALUE, 2, m.key, m.value, m.currency, m.account];
}

export function portfolioValue(m: PortfolioMsg): Field[] {
  return [
    IN.PORTFOLIO_VALUE,
    8,
    ...writeContract(m.contract, CONTRACT_PORTFOLIO),
    m.position,
    m.marketPrice,
    m.marketValue,
    m.averageCost,
    m.unrealizedPnl,
    m.realizedPnl,
    m.account,
  ];
}

export function accountTime(time: string): Field[] {
  return [IN.ACCT_UPDATE_TIME, 1, time];
}

export function accountDownloadEnd(account: string): Field[] {
  return [IN.ACCT_DOWNLOAD_END, 1, account];
}

export function nextValidId(orderId: number): Field[] {
  return [IN.NEXT_VALID_ID, 1, orderId];
}

export function managedAccounts(accounts: readonly string[]): Field[] {
  return [IN.MANAGED_ACCTS, 1, accounts.join(',')];
}

export function contractDetails(m: ContractDetailsMsg): Field[] {
  const c = m.contract;
  return [
    IN.CONTRACT_DATA,
    m.reqId,
    c.symbol,
    c.secType,
    c.lastTradeDateOrContractMonth,
    c.strike,
    c.right,
    c.exchange,
    c.currency,
    c.localSymbol,
    m.marketName,
    c.tradingClass,
    c.conId,
    m.minTick,
    c.multiplier,
    m.orderTypes,
    m.validExchanges,
    1, // priceMagnifier
    0, // underConId
    m.longName,
    c.primaryExchange,
    '', // contractMonth
    '', // industry
    '', // category
    '', // subcategory
    m.timeZoneId,
    '', // tradingHours
    '', // liquidHours
    '', // evRule
    0, // evMultiplier
    0, // secIdList count
    UNSET_INTEGER, // aggGroup
    '', // underSymbol
    '', // underSecType
    '', // marketRuleIds
    '', // realExpirationDate
    'COMMON', // stockType
    m.minSize,
    m.sizeIncrement,
    m.sizeIncrement, // suggestedSizeIncrement
  ];
}

export function contractDetailsEnd(reqId: number): Field[] {
  return [IN.CONTRACT_DATA_END, 1, reqId];
}

export function executionData(m: ExecutionMsg): Field[] {
  const e = m.execution;
  return [
    IN.EXECUTION_DATA,
    m.reqId,
    m.orderId,
    ...writeContract(m.contract, CONTRACT_NO_PRIMARY),
    e.execId,
    e.time,
    e.account,
    e.exchange,
    e.side,
    e.shares,
    e.price,
    e.permId,
    e.clientId,
    0, // liquidation
    e.cumQty,
    e.avgPrice,
    e.orderRef,
    '', // evRule
    '', // evMultiplier
    '', // modelCode
    0, // lastLiquidity
  ];
}

export function executionEnd(reqId: number): Field[] {
  return [IN.EXECUTION_DATA_END, 1, reqId];
}

export function commissionReport(m: CommissionMsg): Field[] {
  // yield and yieldRedemptionDate are unset for equities
  return [IN.COMMISSION_REPORT, 1, m.execId, m.commission, m.currency, m.realizedPnl, UNSET_DOUBLE, 0];
}

export function marketDepth(m: DepthMsg): Field[] {
  return [IN.MARKET_DEPTH, 1, m.reqId, m.position, m.operation, m.side, m.price, m.size];
}

export function historicalData(m: HistoricalDataMsg): Field[] {
  const f: Field[] = [IN.HISTORICAL_DATA, m.reqId, m.start, m.end, m.bars.length];
  for (const b of m.bars) f.push(b.date, b.open, b.high, b.low, b.close, b.volume, b.wap, b.barCount);
  return f;
}

export function currentTime(epochSeconds: number): Field[] {
  return [IN.CURRENT_TIME, 1, epochSeconds];
}

export function openOrderEnd(): Field[] {
  return [IN.OPEN_ORDER_END, 1];
}
export function position(m: PositionMsg): Field[] {
  return [
    IN.POSITION_DATA,
    3,
    m.account,
    ...writeContract(m.contract, CONTRACT_NO_PRIMARY),
    m.position,
    m.avgCost,
  ];
}

export function positionEnd(): Field[] {
  return [IN.POSITION_END, 1];
}
