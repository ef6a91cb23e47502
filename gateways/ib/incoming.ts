// Messages TWS sends to the client, for the negotiated server version: the simulator encodes them and the
// gateway decodes them, one field order per message and version in one place (the conditions are those of
// IB's decoder.py / orderdecoder.py: a field exists from its MIN_SERVER_VER_* gate on). Long messages
// (OPEN_ORDER, CONTRACT_DATA) are decoded only as far as the gateway needs; the frame length makes skipping
// the tail safe.
import {
  escapeAscii7,
  FieldReader,
  optionalDouble,
  unescapeAscii7,
  UNSET_DOUBLE,
  UNSET_INTEGER,
  type Field,
} from './codec.js';
import {
  CONTRACT_NO_PRIMARY,
  CONTRACT_PORTFOLIO,
  ibContract,
  IN,
  LEGACY_MESSAGE_VERSION as LEGACY,
  readContract,
  SERVER_VERSION as SV,
  writeContract,
  type ContractKey,
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
  /** The answer to a what-if order (nothing was placed). */
  whatIf?: boolean;
  /** The order state's margin and commission figures; read for what-if answers. */
  state?: OrderStateFigures;
}

/**
 * OrderState's what-if figures (IB: initMargin/maintMargin/equityWithLoan before, change and after, as text;
 * commission, its range and currency; a warning). A figure TWS leaves empty or unset is undefined.
 */
export interface OrderStateFigures {
  initMarginBefore?: number;
  maintMarginBefore?: number;
  equityWithLoanBefore?: number;
  initMarginChange?: number;
  maintMarginChange?: number;
  equityWithLoanChange?: number;
  initMarginAfter?: number;
  maintMarginAfter?: number;
  equityWithLoanAfter?: number;
  commission?: number;
  minCommission?: number;
  maxCommission?: number;
  commissionCurrency: string;
  warningText: string;
}

const MARGIN_FIGURES = ['initMargin', 'maintMargin', 'equityWithLoan'] as const;
type Figure = Exclude<keyof OrderStateFigures, 'commissionCurrency' | 'warningText'>;
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
  /** The sessions as TWS words them (gateways/ib/hours.ts), in timeZoneId's time; '' when not sent. */
  tradingHours: string;
  liquidHours: string;
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

// ---- contract blocks by message version ----------------------------------------------------------------------

const without = (...drop: ContractKey[]): readonly ContractKey[] =>
  CONTRACT_NO_PRIMARY.filter((k) => !drop.includes(k));
/** OPEN_ORDER before version 32, EXECUTION_DATA before 9: no multiplier, no trading class. */
const CONTRACT_V1 = without('multiplier', 'tradingClass');
/** EXECUTION_DATA version 9: the multiplier, not yet the trading class. */
const EXEC_CONTRACT_V9 = without('tradingClass');
/** POSITION_DATA version 1: no trading class. */
const POSITION_CONTRACT_V1 = without('tradingClass');
/** PORTFOLIO_VALUE names the primary exchange instead of the routing exchange (from version 7). */
const PORTFOLIO_V8 = CONTRACT_PORTFOLIO;
const PORTFOLIO_V7 = PORTFOLIO_V8.filter((k) => k !== 'tradingClass');
const PORTFOLIO_V6 = PORTFOLIO_V7.filter((k) => k !== 'multiplier' && k !== 'primaryExchange');

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
      if (serverVersion < SV.MARKET_CAP_PRICE) r.skip(); // version
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
          mktCapPrice: serverVersion >= SV.MARKET_CAP_PRICE ? r.num() : 0,
        },
      };
    case IN.ERR_MSG: {
      r.skip();
      const ascii7 = serverVersion >= SV.ENCODE_MSG_ASCII7;
      const reqId = r.id();
      const code = r.int();
      const message = ascii7 ? unescapeAscii7(r.str()) : r.str();
      const advancedOrderRejectJson =
        serverVersion >= SV.ADVANCED_ORDER_REJECT ? unescapeAscii7(r.str()) : '';
      return { kind: 'error', msg: { reqId, code, message, advancedOrderRejectJson } };
    }
    case IN.OPEN_ORDER: {
      const version = serverVersion < SV.ORDER_CONTAINER ? r.int() : serverVersion;
      const orderId = r.id();
      const contract = readContract(r, version >= 32 ? CONTRACT_NO_PRIMARY : CONTRACT_V1);
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
      Object.assign(msg, readOrderTail(r, serverVersion));
      return { kind: 'openOrder', msg };
    }
    case IN.ACCT_VALUE:
      r.skip();
      return {
        kind: 'accountValue',
        msg: { key: r.str(), value: r.str(), currency: r.str(), account: r.str() },
      };
    case IN.PORTFOLIO_VALUE: {
      // Laid out by the message's own version (8 from every server vnt accepts).
      const version = r.int();
      const contract = readContract(
        r,
        version >= 8 ? PORTFOLIO_V8 : version >= 7 ? PORTFOLIO_V7 : PORTFOLIO_V6,
      );
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
      const version = serverVersion < SV.SIZE_RULES ? r.int() : 8;
      const reqId = version >= 3 ? r.id() : -1;
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
      if (serverVersion >= SV.MD_SIZE_MULTIPLIER && serverVersion < SV.SIZE_RULES) r.skip(); // mdSizeMultiplier
      c.multiplier = r.str();
      const orderTypes = r.str();
      const validExchanges = r.str();
      r.skip(); // priceMagnifier
      if (version >= 4) r.skip(); // underConId
      let longName = '';
      if (version >= 5) {
        longName = serverVersion >= SV.ENCODE_MSG_ASCII7 ? unescapeAscii7(r.str()) : r.str();
        c.primaryExchange = r.str();
      }
      let timeZoneId = '';
      let tradingHours = '';
      let liquidHours = '';
      if (version >= 6) {
        r.skip(4); // contractMonth, industry, category, subcategory
        timeZoneId = r.str();
        tradingHours = r.str();
        liquidHours = r.str();
      }
      if (version >= 8) r.skip(2); // evRule, evMultiplier
      if (version >= 7) r.skip(r.int() * 2); // secIdList
      if (serverVersion >= SV.AGG_GROUP) r.skip();
      if (serverVersion >= SV.UNDERLYING_INFO) r.skip(2); // underSymbol, underSecType
      if (serverVersion >= SV.MARKET_RULES) r.skip(); // marketRuleIds
      if (serverVersion >= SV.REAL_EXPIRATION_DATE) r.skip();
      if (serverVersion >= SV.STOCK_TYPE) r.skip();
      let minSize = 0;
      let sizeIncrement = 0;
      if (serverVersion >= SV.FRACTIONAL_SIZE_SUPPORT && serverVersion < SV.SIZE_RULES) {
        sizeIncrement = r.num(); // sizeMinTick, the one size rule of this version
      }
      if (serverVersion >= SV.SIZE_RULES) {
        minSize = r.num();
        sizeIncrement = r.num();
      }
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
          tradingHours,
          liquidHours,
          minSize,
          sizeIncrement,
        },
      };
    }
    case IN.EXECUTION_DATA: {
      const version = serverVersion < SV.LAST_LIQUIDITY ? r.int() : serverVersion;
      const reqId = version >= 7 ? r.id() : -1;
      const orderId = r.id();
      const contract = readContract(
        r,
        version >= 10 ? CONTRACT_NO_PRIMARY : version >= 9 ? EXEC_CONTRACT_V9 : CONTRACT_V1,
      );
      const execId = r.str();
      const time = r.str();
      const account = r.str();
      const exchange = r.str();
      const side = r.str();
      const shares = r.num();
      const price = r.num();
      const permId = r.int();
      const clientId = r.int();
      r.skip(); // liquidation
      const cumQty = version >= 6 ? r.num() : 0;
      const avgPrice = version >= 6 ? r.num() : 0;
      const orderRef = version >= 8 ? r.str() : '';
      const execution: Execution = {
        execId,
        time,
        account,
        exchange,
        side,
        shares,
        price,
        permId,
        clientId,
        cumQty,
        avgPrice,
        orderRef,
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
      const legacy = serverVersion < SV.SYNT_REALTIME_BARS;
      if (legacy) r.skip(); // version
      const reqId = r.id();
      const start = r.str();
      const end = r.str();
      const count = r.int();
      const bars: HistoricalBar[] = [];
      for (let i = 0; i < count && r.remaining > 0; i++) {
        const date = r.str();
        const open = r.num();
        const high = r.num();
        const low = r.num();
        const close = r.num();
        const volume = r.num();
        const wap = r.num();
        if (legacy) r.skip(); // hasGaps
        bars.push({ date, open, high, low, close, volume, wap, barCount: r.int() });
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
      // Laid out by the message's own version (3 from every server vnt accepts).
      const version = r.int();
      const account = r.str();
      const contract = readContract(r, version >= 2 ? CONTRACT_NO_PRIMARY : POSITION_CONTRACT_V1);
      const position = r.num();
      return { kind: 'position', msg: { account, contract, position, avgCost: version >= 3 ? r.num() : 0 } };
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

/**
 * OPEN_ORDER past permId, in the order IB's decoder reads it (the optional parts — delta-neutral, combo legs,
 * smart routing parameters, scale, hedge, delta-neutral contract, algo parameters — skipped as present): the
 * whatIf flag and the order state's figures. Best effort: an order laid out otherwise than this reads as no
 * what-if rather than failing the order it describes.
 */
function readOrderTail(r: FieldReader, sv: number): Pick<OpenOrderMsg, 'whatIf' | 'state'> {
  try {
    // outsideRth .. faPercentage (8), faProfile, modelCode, goodTillDate .. stockRangeUpper (13),
    // displaySize .. triggerMethod (11), volatility, volatilityType
    r.skip(8 + (sv < SV.FA_PROFILE_DESUPPORT ? 1 : 0) + (sv >= SV.MODELS_SUPPORT ? 1 : 0) + 13 + 11 + 2);
    const deltaNeutralOrderType = r.str();
    r.skip(1 + (deltaNeutralOrderType ? 8 : 0)); // deltaNeutralAuxPrice, its conId .. designatedLocation
    r.skip(6 + 1); // continuousUpdate .. basisPointsType, comboLegsDescrip
    r.skip(8 * r.int()); // combo legs: conId, ratio, action, exchange, openClose, shortSaleSlot, location, exemptCode
    r.skip(r.int()); // order combo leg prices
    r.skip(2 * r.int()); // smart combo routing parameters
    r.skip(2);
    const increment = r.num(); // scalePriceIncrement
    if (increment > 0) r.skip(7);
    if (r.str()) r.skip(); // hedgeType, hedgeParam
    r.skip(4); // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
    if (r.bool()) r.skip(3); // delta-neutral contract: conId, delta, price
    if (r.str()) r.skip(2 * r.int()); // algoStrategy, its parameters
    r.skip(); // solicited
    const whatIf = r.bool();
    r.skip(); // status
    const state: OrderStateFigures = { commissionCurrency: '', warningText: '' };
    const figure = (k: Figure, v: number | undefined) => {
      if (v !== undefined) state[k] = v;
    };
    const read = (when: string) => {
      for (const k of MARGIN_FIGURES) figure(`${k}${when}` as Figure, optionalFigure(r.str()));
    };
    if (sv >= SV.WHAT_IF_EXT_FIELDS) (read('Before'), read('Change'));
    read('After');
    for (const k of ['commission', 'minCommission', 'maxCommission'] as const)
      figure(k, optionalFigure(r.str()));
    state.commissionCurrency = r.str();
    state.warningText = r.str();
    return { whatIf, state };
  } catch {
    return {};
  }
}

/** A figure TWS sent as text: empty or the unset sentinel is no figure. */
function optionalFigure(s: string): number | undefined {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) && Math.abs(n) < UNSET_DOUBLE ? n : undefined;
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

export function orderStatus(sv: number, m: OrderStatusMsg): Field[] {
  const f: Field[] = [IN.ORDER_STATUS];
  if (sv < SV.MARKET_CAP_PRICE) f.push(LEGACY.ORDER_STATUS);
  f.push(
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
  );
  if (sv >= SV.MARKET_CAP_PRICE) f.push(m.mktCapPrice);
  return f;
}

export function errorMessage(sv: number, m: ErrorMsg): Field[] {
  const f: Field[] = [IN.ERR_MSG, 2, m.reqId, m.code];
  f.push(sv >= SV.ENCODE_MSG_ASCII7 ? escapeAscii7(m.message) : m.message);
  if (sv >= SV.ADVANCED_ORDER_REJECT) f.push(escapeAscii7(m.advancedOrderRejectJson));
  return f;
}

/**
 * OPEN_ORDER with every field IB's decoder reads for this server version, for a plain order (no combo legs,
 * algo, conditions, delta-neutral or scale parts), with defaults past what vnt uses.
 */
export function openOrder(sv: number, m: OpenOrderMsg): Field[] {
  const f: Field[] = [IN.OPEN_ORDER];
  if (sv < SV.ORDER_CONTAINER) f.push(LEGACY.OPEN_ORDER);
  f.push(m.orderId, ...writeContract(m.contract, CONTRACT_NO_PRIMARY));
  f.push(m.action, m.totalQuantity, m.orderType, optionalDouble(m.lmtPrice), optionalDouble(m.auxPrice));
  // tif, ocaGroup, account, openClose, origin, orderRef, clientId, permId, outsideRth, hidden,
  // discretionaryAmt, goodAfterTime, sharesAllocation, faGroup, faMethod, faPercentage
  f.push(m.tif, '', m.account, 'O', 0, m.orderRef, m.clientId, m.permId, false, false, 0, '', '', '', '', '');
  if (sv < SV.FA_PROFILE_DESUPPORT) f.push(''); // faProfile
  if (sv >= SV.MODELS_SUPPORT) f.push(''); // modelCode
  // goodTillDate, rule80A, percentOffset, settlingFirm, shortSaleSlot, designatedLocation, exemptCode,
  // auctionStrategy, startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper
  f.push('', '', '', '', 0, '', -1, 0, '', '', '', '', '');
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
  f.push(m.whatIf ?? false, m.status); // whatIf, order state status
  // initMargin, maintMargin, equityWithLoan: before and change (from WHAT_IF_EXT_FIELDS), then after, as text
  const st = m.state;
  const text = (k: Figure) => (st?.[k] === undefined ? '' : String(st[k]));
  const stage = (when: string) => MARGIN_FIGURES.map((k) => text(`${k}${when}` as Figure));
  if (sv >= SV.WHAT_IF_EXT_FIELDS) f.push(...stage('Before'), ...stage('Change'));
  f.push(...stage('After'));
  const money = (k: Figure) => st?.[k] ?? UNSET_DOUBLE; // decodeDoubleMax: unset is the max double
  f.push(money('commission'), money('minCommission'), money('maxCommission'));
  f.push(st?.commissionCurrency ?? '', st?.warningText ?? '');
  f.push(false, false); // randomizeSize, randomizePrice
  if (sv >= SV.PEGGED_TO_BENCHMARK) {
    f.push(0); // conditions count
    // adjustedOrderType, triggerPrice, trailStopPrice, lmtPriceOffset, adjustedStopPrice,
    // adjustedStopLimitPrice, adjustedTrailingAmount, adjustableTrailingUnit
    f.push('', UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, 0);
  }
  if (sv >= SV.SOFT_DOLLAR_TIER) f.push('', '', ''); // softDollarTier name, value, displayName
  if (sv >= SV.CASH_QTY) f.push(UNSET_DOUBLE);
  if (sv >= SV.AUTO_PRICE_FOR_HEDGE) f.push(false); // dontUseAutoPriceForHedge
  if (sv >= SV.ORDER_CONTAINER) f.push(false); // isOmsContainer
  if (sv >= SV.D_PEG_ORDERS) f.push(false); // discretionaryUpToLimitPrice
  if (sv >= SV.PRICE_MGMT_ALGO) f.push(false); // usePriceMgmtAlgo
  if (sv >= SV.DURATION) f.push(UNSET_INTEGER);
  if (sv >= SV.POST_TO_ATS) f.push(UNSET_INTEGER);
  if (sv >= SV.AUTO_CANCEL_PARENT) f.push(false);
  // minTradeQty, minCompeteSize, competeAgainstBestOffset, midOffsetAtWhole, midOffsetAtHalf
  if (sv >= SV.PEGBEST_PEGMID_OFFSETS) f.push('', '', '', '', '');
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

export function contractDetails(sv: number, m: ContractDetailsMsg): Field[] {
  const c = m.contract;
  const f: Field[] = [IN.CONTRACT_DATA];
  if (sv < SV.SIZE_RULES) f.push(LEGACY.CONTRACT_DATA);
  f.push(m.reqId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.exchange);
  f.push(c.currency, c.localSymbol, m.marketName, c.tradingClass, c.conId, m.minTick);
  if (sv >= SV.MD_SIZE_MULTIPLIER && sv < SV.SIZE_RULES) f.push(1); // mdSizeMultiplier
  f.push(c.multiplier, m.orderTypes, m.validExchanges);
  f.push(1, 0); // priceMagnifier, underConId
  f.push(sv >= SV.ENCODE_MSG_ASCII7 ? escapeAscii7(m.longName) : m.longName, c.primaryExchange);
  f.push('', '', '', ''); // contractMonth, industry, category, subcategory
  f.push(m.timeZoneId, m.tradingHours, m.liquidHours);
  f.push('', 0); // evRule, evMultiplier
  f.push(0); // secIdList count
  if (sv >= SV.AGG_GROUP) f.push(UNSET_INTEGER);
  if (sv >= SV.UNDERLYING_INFO) f.push('', ''); // underSymbol, underSecType
  if (sv >= SV.MARKET_RULES) f.push(''); // marketRuleIds
  if (sv >= SV.REAL_EXPIRATION_DATE) f.push('');
  if (sv >= SV.STOCK_TYPE) f.push('COMMON');
  if (sv >= SV.FRACTIONAL_SIZE_SUPPORT && sv < SV.SIZE_RULES) f.push(m.sizeIncrement); // sizeMinTick
  // minSize, sizeIncrement, suggestedSizeIncrement
  if (sv >= SV.SIZE_RULES) f.push(m.minSize, m.sizeIncrement, m.sizeIncrement);
  return f;
}

export function contractDetailsEnd(reqId: number): Field[] {
  return [IN.CONTRACT_DATA_END, 1, reqId];
}

export function executionData(sv: number, m: ExecutionMsg): Field[] {
  const e = m.execution;
  const f: Field[] = [IN.EXECUTION_DATA];
  if (sv < SV.LAST_LIQUIDITY) f.push(LEGACY.EXECUTION_DATA);
  f.push(m.reqId, m.orderId, ...writeContract(m.contract, CONTRACT_NO_PRIMARY));
  f.push(e.execId, e.time, e.account, e.exchange, e.side, e.shares, e.price, e.permId, e.clientId);
  f.push(0, e.cumQty, e.avgPrice, e.orderRef); // liquidation, ...
  f.push('', ''); // evRule, evMultiplier
  if (sv >= SV.MODELS_SUPPORT) f.push(''); // modelCode
  if (sv >= SV.LAST_LIQUIDITY) f.push(0); // lastLiquidity
  return f;
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

export function historicalData(sv: number, m: HistoricalDataMsg): Field[] {
  const legacy = sv < SV.SYNT_REALTIME_BARS;
  const f: Field[] = [IN.HISTORICAL_DATA];
  if (legacy) f.push(LEGACY.HISTORICAL_DATA);
  f.push(m.reqId, m.start, m.end, m.bars.length);
  for (const b of m.bars) {
    f.push(b.date, b.open, b.high, b.low, b.close, b.volume, b.wap);
    if (legacy) f.push('false'); // hasGaps
    f.push(b.barCount);
  }
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
