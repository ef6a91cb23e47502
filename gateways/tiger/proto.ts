// The TIGER push channel's messages, written for vnt from the field names and numbers Tiger documents for
// its protobuf push (Open API push docs; field list as in the public tigeropen SDK's message definitions,
// facts only). Only the messages vnt reads or sends are declared; protobuf skips unknown fields, so Tiger
// adding fields breaks nothing. Frames on the wire are a varint length followed by one Request (client to
// server) or Response (server to client): protobufjs's encodeDelimited / decodeDelimited framing.
import protobuf from 'protobufjs';

export const TIGER_PUSH_PROTO = `
syntax = "proto3";
package vnt.tiger;

enum Command {
  UNKNOWN = 0; CONNECT = 1; CONNECTED = 2; SEND = 3; SUBSCRIBE = 4; UNSUBSCRIBE = 5;
  DISCONNECT = 6; MESSAGE = 7; HEARTBEAT = 8; ERROR = 9;
}

enum DataType {
  Unknown = 0; Quote = 1; Option = 2; Future = 3; QuoteDepth = 4; TradeTick = 5; Asset = 6;
  Position = 7; OrderStatus = 8; OrderTransaction = 9; StockTop = 10; OptionTop = 11; Kline = 12; Cc = 13;
}

// BASIC: prices and volumes; BBO: best bid and ask; ALL: both.
enum QuoteType { None = 0; BASIC = 1; BBO = 2; ALL = 3; }

message Connect {
  string tigerId = 1;
  string sign = 2;
  string sdkVersion = 3;
  optional string acceptVersion = 4;
  optional uint32 sendInterval = 5;
  optional uint32 receiveInterval = 6;
  optional bool useFullTick = 7;
}

message Subscribe {
  DataType dataType = 1;
  optional string symbols = 2;
  optional string account = 3;
  optional string market = 4;
}

message Request {
  Command command = 1;
  uint32 id = 2;
  optional Subscribe subscribe = 3;
  optional Connect connect = 4;
}

message Response {
  Command command = 1;
  optional uint32 id = 2;
  // With MESSAGE: 111 subscribed symbols, 112 subscribe result, 113 unsubscribe result, 200 error.
  optional int32 code = 3;
  optional string msg = 4;
  optional PushData body = 5;
}

message PushData {
  DataType dataType = 1;
  oneof body {
    QuoteData quoteData = 2;
    QuoteDepthData quoteDepthData = 3;
    TradeTickData tradeTickData = 4;
    PositionData positionData = 5;
    AssetData assetData = 6;
    OrderStatusData orderStatusData = 7;
    OrderTransactionData orderTransactionData = 8;
  }
}

message QuoteData {
  string symbol = 1;
  QuoteType type = 2;
  uint64 timestamp = 3;
  optional uint64 serverTimestamp = 4;
  optional double avgPrice = 5;
  optional double latestPrice = 6;
  optional uint64 latestPriceTimestamp = 7;
  optional string latestTime = 8;
  optional double preClose = 9;
  optional sint64 volume = 10;
  optional double amount = 11;
  optional double open = 12;
  optional double high = 13;
  optional double low = 14;
  optional string hourTradingTag = 15;
  optional string marketStatus = 16;
  optional double askPrice = 17;
  optional sint64 askSize = 18;
  optional uint64 askTimestamp = 19;
  optional double bidPrice = 20;
  optional sint64 bidSize = 21;
  optional uint64 bidTimestamp = 22;
  optional string identifier = 23;
  optional sint64 openInt = 24;
  optional uint64 tradeTime = 25;
  optional double preSettlement = 26;
  optional float minTick = 27;
}

message DepthSide {
  repeated double price = 1;
  repeated sint64 volume = 2;
  repeated uint32 orderCount = 3;
}

message QuoteDepthData {
  string symbol = 1;
  uint64 timestamp = 2;
  DepthSide ask = 3;
  DepthSide bid = 4;
}

// Delta-encoded: time[i] += time[i-1]; price[i] = (priceBase + price[i]) / 10^priceOffset; sn numbers the first.
message TradeTickData {
  string symbol = 1;
  string type = 2;
  string cond = 3;
  int64 sn = 4;
  int64 priceBase = 5;
  int32 priceOffset = 6;
  repeated int64 time = 7;
  repeated int64 price = 8;
  repeated int64 volume = 9;
  repeated string partCode = 10;
  string quoteLevel = 11;
  uint64 timestamp = 12;
  string secType = 13;
}

message OrderStatusData {
  sint64 id = 1;
  string account = 2;
  string symbol = 3;
  string expiry = 4;
  string strike = 5;
  string right = 6;
  string identifier = 7;
  uint32 multiplier = 8;
  string action = 9;
  string market = 10;
  string currency = 11;
  string segType = 12;
  string secType = 13;
  string orderType = 14;
  bool isLong = 15;
  sint64 totalQuantity = 16;
  sint32 totalQuantityScale = 17;
  sint64 filledQuantity = 18;
  sint32 filledQuantityScale = 19;
  double avgFillPrice = 20;
  double limitPrice = 21;
  double stopPrice = 22;
  double realizedPnl = 23;
  string status = 24;
  string replaceStatus = 25;
  string cancelStatus = 26;
  bool outsideRth = 27;
  bool canModify = 28;
  bool canCancel = 29;
  bool liquidation = 30;
  string name = 31;
  string source = 32;
  string errorMsg = 33;
  string attrDesc = 34;
  float commissionAndFee = 35;
  uint64 openTime = 36;
  uint64 timestamp = 37;
  string userMark = 38;
  double totalCashAmount = 39;
  double filledCashAmount = 40;
  double gst = 41;
  repeated string attrList = 42;
  string timeInForce = 43;
  uint64 updateTime = 44;
  uint64 latestTime = 45;
}

message OrderTransactionData {
  sint64 id = 1;
  sint64 orderId = 2;
  string account = 3;
  string symbol = 4;
  string identifier = 5;
  uint32 multiplier = 6;
  string action = 7;
  string market = 8;
  string currency = 9;
  string segType = 10;
  string secType = 11;
  double filledPrice = 12;
  sint64 filledQuantity = 13;
  uint64 createTime = 14;
  uint64 updateTime = 15;
  uint64 transactTime = 16;
  uint64 timestamp = 17;
}

message PositionData {
  string account = 1;
  string symbol = 2;
  string expiry = 3;
  string strike = 4;
  string right = 5;
  string identifier = 6;
  uint32 multiplier = 7;
  string market = 8;
  string currency = 9;
  string segType = 10;
  string secType = 11;
  sint64 position = 12;
  sint32 positionScale = 13;
  double averageCost = 14;
  double latestPrice = 15;
  double marketValue = 16;
  double unrealizedPnl = 17;
  string name = 18;
  uint64 timestamp = 19;
  optional sint64 saleable = 20;
  double positionQty = 21;
  double salableQty = 22;
}

message AssetData {
  string account = 1;
  string currency = 2;
  string segType = 3;
  double availableFunds = 4;
  double excessLiquidity = 5;
  double netLiquidation = 6;
  double equityWithLoan = 7;
  double buyingPower = 8;
  double cashBalance = 9;
  double grossPositionValue = 10;
  double initMarginReq = 11;
  double maintMarginReq = 12;
  uint64 timestamp = 13;
}
`;

export const Command = {
  UNKNOWN: 0,
  CONNECT: 1,
  CONNECTED: 2,
  SEND: 3,
  SUBSCRIBE: 4,
  UNSUBSCRIBE: 5,
  DISCONNECT: 6,
  MESSAGE: 7,
  HEARTBEAT: 8,
  ERROR: 9,
} as const;
export type CommandCode = (typeof Command)[keyof typeof Command];

export const DataType = {
  Quote: 1,
  Option: 2,
  Future: 3,
  QuoteDepth: 4,
  TradeTick: 5,
  Asset: 6,
  Position: 7,
  OrderStatus: 8,
  OrderTransaction: 9,
} as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

export const QuoteType = { BASIC: 1, BBO: 2, ALL: 3 } as const;

/** Response codes carried with MESSAGE (and the error code). */
export const ResponseCode = { SYMBOLS: 111, SUBSCRIBED: 112, UNSUBSCRIBED: 113, ERROR: 200 } as const;

// ---- decoded shapes (protobufjs toObject with longs as strings, enums as numbers, defaults filled) -------

export interface ConnectMsg {
  tigerId: string;
  sign: string;
  sdkVersion: string;
  acceptVersion?: string;
  sendInterval?: number;
  receiveInterval?: number;
  useFullTick?: boolean;
}
export interface SubscribeMsg {
  dataType: number;
  symbols?: string;
  account?: string;
  market?: string;
}
export interface RequestMsg {
  command: number;
  id: number;
  subscribe?: SubscribeMsg;
  connect?: ConnectMsg;
}
/** A 64-bit field: a string where ids may pass 2^53 (private data), a number in market data. */
export type LongValue = string | number;

export interface QuoteMsg {
  symbol: string;
  type: number;
  timestamp: LongValue;
  latestPrice?: number;
  preClose?: number;
  volume?: LongValue;
  amount?: number;
  open?: number;
  high?: number;
  low?: number;
  askPrice?: number;
  askSize?: LongValue;
  bidPrice?: number;
  bidSize?: LongValue;
  openInt?: LongValue;
  marketStatus?: string;
  identifier?: string;
}
export interface DepthSideMsg {
  price: number[];
  volume: LongValue[];
  orderCount: number[];
}
export interface DepthMsg {
  symbol: string;
  timestamp: LongValue;
  ask?: DepthSideMsg;
  bid?: DepthSideMsg;
}
export interface TradeTickMsg {
  symbol: string;
  type: string;
  cond: string;
  sn: LongValue;
  priceBase: LongValue;
  priceOffset: number;
  time: LongValue[];
  price: LongValue[];
  volume: LongValue[];
  partCode: string[];
  quoteLevel: string;
  timestamp: LongValue;
  secType: string;
}
export interface OrderStatusMsg {
  id: string;
  account: string;
  symbol: string;
  expiry: string;
  strike: string;
  right: string;
  identifier: string;
  multiplier: number;
  action: string;
  market: string;
  currency: string;
  segType: string;
  secType: string;
  orderType: string;
  isLong: boolean;
  totalQuantity: string;
  totalQuantityScale: number;
  filledQuantity: string;
  filledQuantityScale: number;
  avgFillPrice: number;
  limitPrice: number;
  stopPrice: number;
  realizedPnl: number;
  status: string;
  outsideRth: boolean;
  canModify: boolean;
  canCancel: boolean;
  name: string;
  errorMsg: string;
  commissionAndFee: number;
  openTime: string;
  timestamp: string;
  userMark: string;
  timeInForce: string;
  updateTime: string;
}
export interface TransactionMsg {
  id: string;
  orderId: string;
  account: string;
  symbol: string;
  identifier: string;
  multiplier: number;
  action: string;
  market: string;
  currency: string;
  segType: string;
  secType: string;
  filledPrice: number;
  filledQuantity: string;
  createTime: string;
  updateTime: string;
  transactTime: string;
  timestamp: string;
}
export interface PositionMsg {
  account: string;
  symbol: string;
  identifier: string;
  multiplier: number;
  market: string;
  currency: string;
  segType: string;
  secType: string;
  position: string;
  positionScale: number;
  averageCost: number;
  latestPrice: number;
  marketValue: number;
  unrealizedPnl: number;
  name: string;
  timestamp: string;
  positionQty: number;
  salableQty: number;
}
export interface AssetMsg {
  account: string;
  currency: string;
  segType: string;
  availableFunds: number;
  excessLiquidity: number;
  netLiquidation: number;
  equityWithLoan: number;
  buyingPower: number;
  cashBalance: number;
  grossPositionValue: number;
  initMarginReq: number;
  maintMarginReq: number;
  timestamp: string;
}
export interface PushDataMsg {
  dataType: number;
  quoteData?: QuoteMsg;
  quoteDepthData?: DepthMsg;
  tradeTickData?: TradeTickMsg;
  positionData?: PositionMsg;
  assetData?: AssetMsg;
  orderStatusData?: OrderStatusMsg;
  orderTransactionData?: TransactionMsg;
}
export interface ResponseMsg {
  command: number;
  id?: number;
  code?: number;
  msg?: string;
  body?: PushDataMsg;
}

const root = protobuf.parse(TIGER_PUSH_PROTO, { keepCase: true }).root;
const RequestType = root.lookupType('vnt.tiger.Request');
const ResponseType = root.lookupType('vnt.tiger.Response');
const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: Number,
  defaults: true,
  oneofs: false,
};
// Market data carries no ids: its 64-bit fields (times, volumes) fit a double, and converting them to
// numbers is several times cheaper than to strings at stream rates.
const TO_OBJECT_MARKET: protobuf.IConversionOptions = { ...TO_OBJECT, longs: Number };
const MARKET_TYPES: ReadonlySet<number> = new Set([1, 2, 3, 4, 5]);

/** One Request as a delimited frame (varint length + message). */
export function encodeRequest(req: RequestMsg): Uint8Array {
  return RequestType.encodeDelimited(RequestType.fromObject(req)).finish();
}

/** What may be encoded: any push message with some of its fields (protobuf fills the rest with defaults). */
export type PushDataInput = { dataType: number } & {
  [K in Exclude<keyof PushDataMsg, 'dataType'>]?: Partial<NonNullable<PushDataMsg[K]>>;
};
export type ResponseInput = Omit<ResponseMsg, 'body'> & { body?: PushDataInput };

/** One Response as a delimited frame. */
export function encodeResponse(res: ResponseInput): Uint8Array {
  return ResponseType.encodeDelimited(ResponseType.fromObject(res)).finish();
}

export function decodeRequest(bytes: Uint8Array): RequestMsg {
  return RequestType.toObject(RequestType.decode(bytes), TO_OBJECT) as RequestMsg;
}

export function decodeResponse(bytes: Uint8Array): ResponseMsg {
  const m = ResponseType.decode(bytes) as protobuf.Message & { body?: { dataType?: number } };
  const market = m.body !== undefined && m.body !== null && MARKET_TYPES.has(m.body.dataType ?? 0);
  return ResponseType.toObject(m, market ? TO_OBJECT_MARKET : TO_OBJECT) as ResponseMsg;
}

/** The bare protobuf decode of a Response (no conversion to plain objects), for the benchmark's baseline. */
export function decodeResponseRaw(bytes: Uint8Array): unknown {
  return ResponseType.decode(bytes);
}

/** A message's bytes as one frame on the wire: varint length, then the bytes. */
export function delimit(message: Uint8Array): Uint8Array {
  return protobuf.Writer.create().bytes(message).finish();
}

/** Largest frame accepted; a length beyond it means the stream is not Tiger's (or is corrupt). */
export const MAX_FRAME = 4 * 1024 * 1024;

/**
 * Splits a byte stream into frames: a varint length then that many bytes. Bytes arrive in arbitrary chunks;
 * an oversized or malformed length throws (the link is then reset, since framing is lost).
 */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, onFrame: (frame: Buffer) => void): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    let pos = 0;
    for (;;) {
      let len = 0;
      let shift = 0;
      let i = pos;
      let complete = false;
      while (i < this.buf.length) {
        const b = this.buf[i++]!;
        len += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if ((b & 0x80) === 0) {
          complete = true;
          break;
        }
        if (shift > 28) throw new Error('a frame length varint is longer than 4 bytes');
      }
      if (!complete) break;
      if (len > MAX_FRAME) throw new Error(`a frame of ${len} bytes is beyond the ${MAX_FRAME}-byte limit`);
      if (this.buf.length - i < len) break;
      const frame = this.buf.subarray(i, i + len);
      pos = i + len;
      onFrame(frame);
    }
    this.buf = pos === 0 ? this.buf : this.buf.subarray(pos);
  }

  clear(): void {
    this.buf = Buffer.alloc(0);
  }
}
