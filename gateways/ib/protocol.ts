// Message ids, server-version gates and tick types of the TWS socket API (facts from IB's TWS API reference
// and its published client: server_versions.py, decoder.py, orderdecoder.py, client.py / EDecoder.java).
// vnt speaks the text protocol only: the offered range ends below server version 201, where TWS switches
// message ids to raw integers and many bodies to protobuf.
import type { Field, FieldReader } from './codec.js';

/**
 * The oldest server version vnt accepts: IB's own MIN_CLIENT_VER, the "100+ messaging" that brought the
 * enhanced handshake and length-prefixed messages. IB's clients offer v100..max and so does vnt; below 100
 * there is no framing this codec could read.
 */
export const MIN_CLIENT_VERSION = 100;
/** FA_PROFILE_DESUPPORT; the last gate before the 18x/19x additions and the protobuf era (201). */
export const MAX_CLIENT_VERSION = 177;

/**
 * The MIN_SERVER_VER_* gates between 100 and 177 that change a field list of a message vnt sends or reads
 * (names and numbers as in IB's server_versions.py). A message is laid out for the negotiated version:
 * a field exists from its gate on (or, for the deprecated ones, until it).
 */
export const SERVER_VERSION = {
  /** totalQuantity may be fractional (earlier: a whole number). */
  FRACTIONAL_POSITIONS: 101,
  /** Order conditions and adjusted-order fields in PLACE_ORDER and OPEN_ORDER. */
  PEGGED_TO_BENCHMARK: 102,
  /** modelCode in PLACE_ORDER, OPEN_ORDER and EXECUTION_DATA. */
  MODELS_SUPPORT: 103,
  EXT_OPERATOR: 105,
  SOFT_DOLLAR_TIER: 106,
  /** CONTRACT_DATA carries mdSizeMultiplier (until SIZE_RULES). */
  MD_SIZE_MULTIPLIER: 110,
  CASH_QTY: 111,
  /** regulatorySnapshot in REQ_MKT_DATA. */
  REQ_SMART_COMPONENTS: 114,
  AGG_GROUP: 121,
  UNDERLYING_INFO: 122,
  /** HISTORICAL_DATA and REQ_HISTORICAL_DATA lose their version field; keepUpToDate is sent. */
  SYNT_REALTIME_BARS: 124,
  MARKET_RULES: 126,
  /** ORDER_STATUS loses its version field and gains mktCapPrice. */
  MARKET_CAP_PRICE: 131,
  REAL_EXPIRATION_DATE: 134,
  /** EXECUTION_DATA loses its version field and gains lastLiquidity. */
  LAST_LIQUIDITY: 136,
  DECISION_MAKER: 138,
  MIFID_EXECUTION: 139,
  AUTO_PRICE_FOR_HEDGE: 141,
  /** OPEN_ORDER's order state carries margins before and change. */
  WHAT_IF_EXT_FIELDS: 142,
  /** PLACE_ORDER and OPEN_ORDER lose their version field; isOmsContainer. */
  ORDER_CONTAINER: 145,
  /** isSmartDepth in REQ_MKT_DEPTH, CANCEL_MKT_DEPTH and MARKET_DEPTH_L2. */
  SMART_DEPTH: 146,
  D_PEG_ORDERS: 148,
  /** primaryExchange in REQ_MKT_DEPTH. */
  MKT_DEPTH_PRIM_EXCHANGE: 149,
  PRICE_MGMT_ALGO: 151,
  STOCK_TYPE: 152,
  /** Error texts and long names arrive with non-ASCII characters as \uXXXX escapes. */
  ENCODE_MSG_ASCII7: 153,
  DURATION: 158,
  POST_TO_ATS: 160,
  AUTO_CANCEL_PARENT: 162,
  /** CONTRACT_DATA carries sizeMinTick (at this version only). */
  FRACTIONAL_SIZE_SUPPORT: 163,
  /** CONTRACT_DATA loses its version field; minSize, sizeIncrement, suggestedSizeIncrement. */
  SIZE_RULES: 164,
  /** ERR_MSG gains advancedOrderRejectJson; PLACE_ORDER advancedErrorOverride. */
  ADVANCED_ORDER_REJECT: 166,
  /** manualOrderTime in PLACE_ORDER, manualOrderCancelTime in CANCEL_ORDER. */
  MANUAL_ORDER_TIME: 169,
  PEGBEST_PEGMID_OFFSETS: 170,
  /** issuerId in REQ_CONTRACT_DATA. */
  BOND_ISSUERID: 176,
  /** The deprecated faProfile leaves PLACE_ORDER and OPEN_ORDER. */
  FA_PROFILE_DESUPPORT: 177,
} as const;

/**
 * The version field a message carried before its gate dropped it: what TWS sends there, the highest version
 * IB's decoder distinguishes (every field up to that version is present).
 */
export const LEGACY_MESSAGE_VERSION = {
  ORDER_STATUS: 6,
  OPEN_ORDER: 34,
  CONTRACT_DATA: 8,
  EXECUTION_DATA: 10,
  HISTORICAL_DATA: 3,
  /** IB's EClient writes these into requests sent to servers before the gate. */
  PLACE_ORDER: 45,
  REQ_HISTORICAL_DATA: 6,
} as const;

/** Client → TWS. */
export const OUT = {
  REQ_MKT_DATA: 1,
  CANCEL_MKT_DATA: 2,
  PLACE_ORDER: 3,
  CANCEL_ORDER: 4,
  REQ_OPEN_ORDERS: 5,
  REQ_ACCT_DATA: 6,
  REQ_EXECUTIONS: 7,
  REQ_IDS: 8,
  REQ_CONTRACT_DATA: 9,
  REQ_MKT_DEPTH: 10,
  CANCEL_MKT_DEPTH: 11,
  REQ_HISTORICAL_DATA: 20,
  REQ_CURRENT_TIME: 49,
  REQ_POSITIONS: 61,
  START_API: 71,
} as const;

/** TWS → client. */
export const IN = {
  TICK_PRICE: 1,
  TICK_SIZE: 2,
  ORDER_STATUS: 3,
  ERR_MSG: 4,
  OPEN_ORDER: 5,
  ACCT_VALUE: 6,
  PORTFOLIO_VALUE: 7,
  ACCT_UPDATE_TIME: 8,
  NEXT_VALID_ID: 9,
  CONTRACT_DATA: 10,
  EXECUTION_DATA: 11,
  MARKET_DEPTH: 12,
  MARKET_DEPTH_L2: 13,
  MANAGED_ACCTS: 15,
  HISTORICAL_DATA: 17,
  TICK_GENERIC: 45,
  TICK_STRING: 46,
  CURRENT_TIME: 49,
  CONTRACT_DATA_END: 52,
  OPEN_ORDER_END: 53,
  ACCT_DOWNLOAD_END: 54,
  EXECUTION_DATA_END: 55,
  COMMISSION_REPORT: 59,
  POSITION_DATA: 61,
  POSITION_END: 62,
} as const;

export const TICK = {
  BID_SIZE: 0,
  BID: 1,
  ASK: 2,
  ASK_SIZE: 3,
  LAST: 4,
  LAST_SIZE: 5,
  HIGH: 6,
  LOW: 7,
  VOLUME: 8,
  CLOSE: 9,
  OPEN: 14,
  LAST_TIMESTAMP: 45,
} as const;

/** IB message codes the gateway treats specially. */
export const CODE = {
  ORDER_REJECTED: 201,
  ORDER_CANCELLED: 202,
  PRICE_VARIATION: 110,
  NO_SECURITY_DEFINITION: 200,
  CONNECTIVITY_LOST: 1100,
  RESTORED_DATA_LOST: 1101,
  RESTORED_DATA_KEPT: 1102,
  NOT_CONNECTED: 504,
  CANNOT_CONNECT: 502,
  DUPLICATE_CLIENT_ID: 326,
} as const;

/** Farm and status notices that arrive as "errors" but only say that all is well (logged at debug level). */
export const INFO_CODES: ReadonlySet<number> = new Set([
  2103, 2104, 2105, 2106, 2107, 2108, 2119, 2157, 2158,
]);

/** The contract fields shared by most messages. */
export interface IbContract {
  conId: number;
  symbol: string;
  secType: string;
  lastTradeDateOrContractMonth: string;
  strike: number;
  right: string;
  multiplier: string;
  exchange: string;
  primaryExchange: string;
  currency: string;
  localSymbol: string;
  tradingClass: string;
}

export function ibContract(f: Partial<IbContract>): IbContract {
  return {
    conId: 0,
    symbol: '',
    secType: '',
    lastTradeDateOrContractMonth: '',
    strike: 0,
    right: '',
    multiplier: '',
    exchange: '',
    primaryExchange: '',
    currency: '',
    localSymbol: '',
    tradingClass: '',
    ...f,
  };
}

export type ContractKey = keyof IbContract;

/** The contract block of market data, depth, history and order requests. */
export const CONTRACT_FULL: readonly ContractKey[] = [
  'conId',
  'symbol',
  'secType',
  'lastTradeDateOrContractMonth',
  'strike',
  'right',
  'multiplier',
  'exchange',
  'primaryExchange',
  'currency',
  'localSymbol',
  'tradingClass',
];
/** OPEN_ORDER, EXECUTION_DATA and POSITION_DATA leave out the primary exchange. */
export const CONTRACT_NO_PRIMARY: readonly ContractKey[] = CONTRACT_FULL.filter(
  (k) => k !== 'primaryExchange',
);
/** PORTFOLIO_VALUE carries the primary exchange instead of the routing exchange. */
export const CONTRACT_PORTFOLIO: readonly ContractKey[] = CONTRACT_FULL.filter((k) => k !== 'exchange');

export function writeContract(c: IbContract, keys: readonly ContractKey[]): Field[] {
  return keys.map((k) => c[k]);
}

export function readContract(r: FieldReader, keys: readonly ContractKey[]): IbContract {
  const c = ibContract({});
  for (const k of keys) {
    if (k === 'conId') c.conId = r.int();
    else if (k === 'strike') c.strike = r.num();
    else c[k] = r.str();
  }
  return c;
}
