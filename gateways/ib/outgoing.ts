// Messages the client sends to TWS, for the negotiated server version: the gateway encodes them and the
// simulator decodes them, so both sides share one field order per message and version (the conditions are
// those of IB's EClient, client.py: a field is written from its MIN_SERVER_VER_* gate on).
import { FieldReader, optionalDouble, UNSET_DOUBLE, UNSET_INTEGER, type Field } from './codec.js';
import {
  CONTRACT_FULL,
  LEGACY_MESSAGE_VERSION as LEGACY,
  OUT,
  readContract,
  SERVER_VERSION as SV,
  writeContract,
  type ContractKey,
  type IbContract,
} from './protocol.js';

export interface IbOrder {
  /** BUY or SELL. */
  action: string;
  totalQuantity: number;
  /** LMT, MKT, STP. */
  orderType: string;
  lmtPrice?: number;
  auxPrice?: number;
  tif: string;
  account: string;
  orderRef: string;
  /** A what-if order: TWS answers with the margin and commission it would take, and places nothing. */
  whatIf?: boolean;
}

export interface ExecutionFilter {
  clientId: number;
  acctCode: string;
  /** "yyyymmdd hh:mm:ss" lower bound, or '' for the whole day. */
  time: string;
  symbol: string;
  secType: string;
  exchange: string;
  side: string;
}

export interface HistoricalRequest {
  reqId: number;
  contract: IbContract;
  /** "yyyymmdd hh:mm:ss UTC" or '' for now. */
  endDateTime: string;
  barSize: string;
  duration: string;
  useRth: boolean;
  whatToShow: string;
  /** 1 = "yyyymmdd  hh:mm:ss" text, 2 = epoch seconds. */
  formatDate: number;
}

const contractFields = (c: IbContract): Field[] => writeContract(c, CONTRACT_FULL);
/** REQ_MKT_DEPTH before MKT_DEPTH_PRIM_EXCHANGE: no primary exchange. */
const DEPTH_CONTRACT_OLD: readonly ContractKey[] = CONTRACT_FULL.filter((k) => k !== 'primaryExchange');
const depthContract = (sv: number): readonly ContractKey[] =>
  sv >= SV.MKT_DEPTH_PRIM_EXCHANGE ? CONTRACT_FULL : DEPTH_CONTRACT_OLD;

// ---- encoders (client side) -------------------------------------------------------------------------------

export function startApi(clientId: number, optionalCapabilities = ''): Field[] {
  return [OUT.START_API, 2, clientId, optionalCapabilities];
}

export function reqMktData(sv: number, reqId: number, contract: IbContract, genericTicks = ''): Field[] {
  // ..., no delta-neutral contract, generic ticks, snapshot, [regulatory snapshot], mktDataOptions
  const f: Field[] = [OUT.REQ_MKT_DATA, 11, reqId, ...contractFields(contract), false, genericTicks, false];
  if (sv >= SV.REQ_SMART_COMPONENTS) f.push(false);
  f.push('');
  return f;
}

export function cancelMktData(reqId: number): Field[] {
  return [OUT.CANCEL_MKT_DATA, 2, reqId];
}

export function reqMktDepth(sv: number, reqId: number, contract: IbContract, numRows: number): Field[] {
  const f: Field[] = [OUT.REQ_MKT_DEPTH, 5, reqId, ...writeContract(contract, depthContract(sv)), numRows];
  if (sv >= SV.SMART_DEPTH) f.push(false); // isSmartDepth
  f.push(''); // mktDepthOptions
  return f;
}

export function cancelMktDepth(sv: number, reqId: number): Field[] {
  return sv >= SV.SMART_DEPTH ? [OUT.CANCEL_MKT_DEPTH, 1, reqId, false] : [OUT.CANCEL_MKT_DEPTH, 1, reqId];
}

export function reqContractDetails(sv: number, reqId: number, contract: IbContract): Field[] {
  // includeExpired, secIdType, secId, [issuerId]
  const f: Field[] = [OUT.REQ_CONTRACT_DATA, 8, reqId, ...contractFields(contract), false, '', ''];
  if (sv >= SV.BOND_ISSUERID) f.push('');
  return f;
}

export function reqIds(): Field[] {
  return [OUT.REQ_IDS, 1, 1];
}

export function reqOpenOrders(): Field[] {
  return [OUT.REQ_OPEN_ORDERS, 1];
}

export function reqAccountUpdates(subscribe: boolean, account: string): Field[] {
  return [OUT.REQ_ACCT_DATA, 2, subscribe, account];
}

export function reqPositions(): Field[] {
  return [OUT.REQ_POSITIONS, 1];
}

export function reqCurrentTime(): Field[] {
  return [OUT.REQ_CURRENT_TIME, 1];
}

export function reqExecutions(reqId: number, f: ExecutionFilter): Field[] {
  return [
    OUT.REQ_EXECUTIONS,
    3,
    reqId,
    f.clientId,
    f.acctCode,
    f.time,
    f.symbol,
    f.secType,
    f.exchange,
    f.side,
  ];
}

export function cancelOrder(sv: number, orderId: number): Field[] {
  // manualOrderCancelTime from MANUAL_ORDER_TIME on
  return sv >= SV.MANUAL_ORDER_TIME ? [OUT.CANCEL_ORDER, 1, orderId, ''] : [OUT.CANCEL_ORDER, 1, orderId];
}

export function reqHistoricalData(sv: number, q: HistoricalRequest): Field[] {
  const legacy = sv < SV.SYNT_REALTIME_BARS;
  const f: Field[] = [OUT.REQ_HISTORICAL_DATA];
  if (legacy) f.push(LEGACY.REQ_HISTORICAL_DATA);
  f.push(q.reqId, ...contractFields(q.contract), false); // ..., includeExpired
  f.push(q.endDateTime, q.barSize, q.duration, q.useRth, q.whatToShow, q.formatDate);
  if (!legacy) f.push(false); // keepUpToDate
  f.push(''); // chartOptions
  return f;
}

/**
 * PLACE_ORDER with every field IB's EClient writes for this server version, defaults where vnt sets nothing.
 * The order matters field by field: TWS reads it positionally.
 */
export function placeOrder(sv: number, orderId: number, c: IbContract, o: IbOrder): Field[] {
  const f: Field[] = [OUT.PLACE_ORDER];
  if (sv < SV.ORDER_CONTAINER) f.push(LEGACY.PLACE_ORDER);
  f.push(orderId, ...contractFields(c), '', ''); // secIdType, secId
  // Before FRACTIONAL_POSITIONS TWS reads a whole number (the gateway refuses a fractional one before this).
  const quantity = sv >= SV.FRACTIONAL_POSITIONS ? o.totalQuantity : Math.trunc(o.totalQuantity);
  f.push(o.action, quantity, o.orderType, optionalDouble(o.lmtPrice), optionalDouble(o.auxPrice));
  // tif, ocaGroup, account, openClose, origin, orderRef, transmit, parentId, blockOrder, sweepToFill,
  // displaySize, triggerMethod, outsideRth, hidden
  f.push(o.tif, '', o.account, '', 0, o.orderRef, true, 0, false, false, 0, 0, false, false);
  // sharesAllocation (deprecated), discretionaryAmt, goodAfterTime, goodTillDate, faGroup, faMethod, faPercentage
  f.push('', 0, '', '', '', '', '');
  if (sv < SV.FA_PROFILE_DESUPPORT) f.push(''); // faProfile (deprecated)
  if (sv >= SV.MODELS_SUPPORT) f.push(''); // modelCode
  f.push(0, '', -1); // shortSaleSlot, designatedLocation, exemptCode
  f.push(0); // ocaType
  // rule80A, settlingFirm, allOrNone, minQty, percentOffset, eTradeOnly, firmQuoteOnly, nbboPriceCap,
  // auctionStrategy, startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper,
  // overridePercentageConstraints, volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice
  f.push('', '', false, '', '', false, false, '', 0, '', '', '', '', '', false, '', '', '', '');
  f.push(false, '', ''); // continuousUpdate, referencePriceType, trailStopPrice
  f.push(''); // trailingPercent
  f.push('', '', ''); // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
  f.push('', '', ''); // scaleTable, activeStartTime, activeStopTime
  f.push(''); // hedgeType
  f.push(false); // optOutSmartRouting
  f.push('', ''); // clearingAccount, clearingIntent
  f.push(false); // notHeld
  f.push(false); // no delta-neutral contract
  f.push(''); // algoStrategy
  f.push(''); // algoId
  f.push(o.whatIf ?? false);
  f.push(''); // orderMiscOptions
  f.push(false); // solicited
  f.push(false, false); // randomizeSize, randomizePrice
  if (sv >= SV.PEGGED_TO_BENCHMARK) {
    f.push(0); // conditions count
    // adjustedOrderType, triggerPrice, lmtPriceOffset, adjustedStopPrice, adjustedStopLimitPrice,
    // adjustedTrailingAmount, adjustableTrailingUnit: IB writes the unset double literally here
    f.push('', UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, UNSET_DOUBLE, 0);
  }
  if (sv >= SV.EXT_OPERATOR) f.push('');
  if (sv >= SV.SOFT_DOLLAR_TIER) f.push('', ''); // softDollarTier name, value
  if (sv >= SV.CASH_QTY) f.push(UNSET_DOUBLE);
  if (sv >= SV.DECISION_MAKER) f.push('', ''); // mifid2 decision maker, algo
  if (sv >= SV.MIFID_EXECUTION) f.push('', ''); // mifid2 execution trader, algo
  if (sv >= SV.AUTO_PRICE_FOR_HEDGE) f.push(false); // dontUseAutoPriceForHedge
  if (sv >= SV.ORDER_CONTAINER) f.push(false); // isOmsContainer
  if (sv >= SV.D_PEG_ORDERS) f.push(false); // discretionaryUpToLimitPrice
  if (sv >= SV.PRICE_MGMT_ALGO) f.push(''); // usePriceMgmtAlgo (unset)
  if (sv >= SV.DURATION) f.push(UNSET_INTEGER);
  if (sv >= SV.POST_TO_ATS) f.push(UNSET_INTEGER);
  if (sv >= SV.AUTO_CANCEL_PARENT) f.push(false);
  if (sv >= SV.ADVANCED_ORDER_REJECT) f.push(''); // advancedErrorOverride
  if (sv >= SV.MANUAL_ORDER_TIME) f.push(''); // manualOrderTime
  if (sv >= SV.PEGBEST_PEGMID_OFFSETS && c.exchange === 'IBKRATS') f.push(''); // minTradeQty
  return f;
}

// ---- decoders (simulator side) ----------------------------------------------------------------------------

export type ClientRequest =
  | { kind: 'startApi'; clientId: number; optionalCapabilities: string }
  | { kind: 'reqMktData'; reqId: number; contract: IbContract }
  | { kind: 'cancelMktData'; reqId: number }
  | { kind: 'reqMktDepth'; reqId: number; contract: IbContract; numRows: number }
  | { kind: 'cancelMktDepth'; reqId: number }
  | { kind: 'reqContractDetails'; reqId: number; contract: IbContract }
  | { kind: 'reqIds' }
  | { kind: 'reqOpenOrders' }
  | { kind: 'reqAccountUpdates'; subscribe: boolean; account: string }
  | { kind: 'reqPositions' }
  | { kind: 'reqCurrentTime' }
  | { kind: 'reqExecutions'; reqId: number; filter: ExecutionFilter }
  | { kind: 'cancelOrder'; orderId: number }
  | { kind: 'reqHistoricalData'; request: HistoricalRequest }
  | { kind: 'placeOrder'; orderId: number; contract: IbContract; order: IbOrder; fieldCount: number }
  | { kind: 'unknown'; msgId: number };

/**
 * Decodes one client message (fields of one frame) sent to a server of version sv. Throws FrameError on a
 * malformed numeric field.
 */
export function decodeClientRequest(fields: readonly string[], sv: number): ClientRequest {
  const r = new FieldReader(fields);
  const msgId = r.int();
  switch (msgId) {
    case OUT.START_API:
      r.skip();
      return { kind: 'startApi', clientId: r.int(), optionalCapabilities: r.str() };
    case OUT.REQ_MKT_DATA:
      r.skip();
      return { kind: 'reqMktData', reqId: r.int(), contract: readContract(r, CONTRACT_FULL) };
    case OUT.CANCEL_MKT_DATA:
      r.skip();
      return { kind: 'cancelMktData', reqId: r.int() };
    case OUT.REQ_MKT_DEPTH: {
      r.skip();
      const reqId = r.int();
      const contract = readContract(r, depthContract(sv));
      return { kind: 'reqMktDepth', reqId, contract, numRows: r.int() };
    }
    case OUT.CANCEL_MKT_DEPTH:
      r.skip();
      return { kind: 'cancelMktDepth', reqId: r.int() };
    case OUT.REQ_CONTRACT_DATA:
      r.skip();
      return { kind: 'reqContractDetails', reqId: r.int(), contract: readContract(r, CONTRACT_FULL) };
    case OUT.REQ_IDS:
      return { kind: 'reqIds' };
    case OUT.REQ_OPEN_ORDERS:
      return { kind: 'reqOpenOrders' };
    case OUT.REQ_ACCT_DATA:
      r.skip();
      return { kind: 'reqAccountUpdates', subscribe: r.bool(), account: r.str() };
    case OUT.REQ_POSITIONS:
      return { kind: 'reqPositions' };
    case OUT.REQ_CURRENT_TIME:
      return { kind: 'reqCurrentTime' };
    case OUT.REQ_EXECUTIONS: {
      r.skip();
      const reqId = r.int();
      const filter: ExecutionFilter = {
        clientId: r.int(),
        acctCode: r.str(),
        time: r.str(),
        symbol: r.str(),
        secType: r.str(),
        exchange: r.str(),
        side: r.str(),
      };
      return { kind: 'reqExecutions', reqId, filter };
    }
    case OUT.CANCEL_ORDER:
      r.skip();
      return { kind: 'cancelOrder', orderId: r.int() };
    case OUT.REQ_HISTORICAL_DATA: {
      if (sv < SV.SYNT_REALTIME_BARS) r.skip(); // version
      const reqId = r.int();
      const contract = readContract(r, CONTRACT_FULL);
      r.skip(); // includeExpired
      const request: HistoricalRequest = {
        reqId,
        contract,
        endDateTime: r.str(),
        barSize: r.str(),
        duration: r.str(),
        useRth: r.bool(),
        whatToShow: r.str(),
        formatDate: r.int(),
      };
      return { kind: 'reqHistoricalData', request };
    }
    case OUT.PLACE_ORDER: {
      if (sv < SV.ORDER_CONTAINER) r.skip(); // version
      const orderId = r.int();
      const contract = readContract(r, CONTRACT_FULL);
      r.skip(2); // secIdType, secId
      const order: IbOrder = {
        action: r.str(),
        totalQuantity: r.num(),
        orderType: r.str(),
        lmtPrice: optionalNumber(r.str()),
        auxPrice: optionalNumber(r.str()),
        tif: r.str(),
        account: (r.skip(), r.str()),
        orderRef: (r.skip(2), r.str()),
      };
      order.whatIf = readWhatIf(r, sv);
      return { kind: 'placeOrder', orderId, contract, order, fieldCount: fields.length };
    }
    default:
      return { kind: 'unknown', msgId };
  }
}

/**
 * PLACE_ORDER's whatIf flag, after orderRef in EClient's order (no combo legs: vnt sends no BAG contract): the
 * optional parts between (delta-neutral, scale, hedge, delta-neutral contract, algo parameters) are skipped as
 * they are present.
 */
function readWhatIf(r: FieldReader, sv: number): boolean {
  // transmit .. hidden (8), sharesAllocation .. faPercentage (7), faProfile, modelCode
  r.skip(15 + (sv < SV.FA_PROFILE_DESUPPORT ? 1 : 0) + (sv >= SV.MODELS_SUPPORT ? 1 : 0));
  r.skip(4); // shortSaleSlot, designatedLocation, exemptCode, ocaType
  r.skip(17); // rule80A .. volatilityType
  const deltaNeutralOrderType = r.str();
  r.skip(1 + (deltaNeutralOrderType ? 8 : 0)); // deltaNeutralAuxPrice, its conId .. designatedLocation
  r.skip(4 + 2); // continuousUpdate .. trailingPercent, scaleInitLevelSize, scaleSubsLevelSize
  const increment = optionalNumber(r.str()) ?? 0; // scalePriceIncrement
  r.skip((increment > 0 ? 7 : 0) + 3); // its scale fields, scaleTable, activeStartTime, activeStopTime
  if (r.str()) r.skip(); // hedgeType, hedgeParam
  r.skip(4); // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
  if (r.bool()) r.skip(3); // delta-neutral contract: conId, delta, price
  if (r.str()) r.skip(2 * r.int()); // algoStrategy, its parameters
  r.skip(); // algoId
  return r.bool();
}

function optionalNumber(s: string): number | undefined {
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n < UNSET_DOUBLE ? n : undefined;
}
