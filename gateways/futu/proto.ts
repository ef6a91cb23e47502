// This project's own protobuf schema for the OpenD messages vnt uses, written from the field names, numbers and
// types Futu documents for each protocol (OpenAPI protocol reference; the same facts as the proto files of
// FutunnOpen/py-futu-api cb11588a futu/common/pb/). Only the fields vnt reads or writes are declared: protobuf
// skips unknown fields, so OpenD's extra fields decode harmlessly. proto2 `required` is kept where Futu
// documents it, so a reply missing a required field fails to decode and is reported, never half-used.
// Decoded with protobufjs (reflection, no generated code): see codec.ts.
import protobuf from 'protobufjs';

const REPLY = (s2c: string): string => `
message Response {
  required int32 retType = 1 [default = -400];
  optional string retMsg = 2;
  optional int32 errCode = 3;
  optional ${s2c} s2c = 4;
}`;

const SCHEMA: readonly string[] = [
  `syntax = "proto2"; package Common;
message PacketID { required uint64 connID = 1; required uint32 serialNo = 2; }
message ProgramStatus { required int32 type = 1; optional string strExtDesc = 2; }`,

  `syntax = "proto2"; package Qot_Common;
message Security { required int32 market = 1; required string code = 2; }
message BasicQot {
  required Security security = 1;
  optional string name = 24;
  required bool isSuspended = 2;
  required string listTime = 3;
  required double priceSpread = 4;
  required string updateTime = 5;
  required double highPrice = 6;
  required double openPrice = 7;
  required double lowPrice = 8;
  required double curPrice = 9;
  required double lastClosePrice = 10;
  required int64 volume = 11;
  required double turnover = 12;
  required double turnoverRate = 13;
  required double amplitude = 14;
  optional double updateTimestamp = 18;
}
message OrderBook { required double price = 1; required int64 volume = 2; required int32 orederCount = 3; }
message SecurityStaticBasic {
  required Security security = 1;
  required int64 id = 2;
  required int32 lotSize = 3;
  required int32 secType = 4;
  required string name = 5;
  required string listTime = 6;
  optional bool delisting = 7;
}
message SecurityStaticInfo { required SecurityStaticBasic basic = 1; }
message KLine {
  required string time = 1;
  required bool isBlank = 2;
  optional double highPrice = 3;
  optional double openPrice = 4;
  optional double lowPrice = 5;
  optional double closePrice = 6;
  optional double lastClosePrice = 7;
  optional int64 volume = 8;
  optional double turnover = 9;
  optional double timestamp = 13;
}
message Ticker {
  required string time = 1;
  required int64 sequence = 2;
  required int32 dir = 3;
  required double price = 4;
  required int64 volume = 5;
  required double turnover = 6;
  optional double timestamp = 11;
}`,

  `syntax = "proto2"; package Trd_Common;
message TrdHeader { required int32 trdEnv = 1; required uint64 accID = 2; required int32 trdMarket = 3; }
message TrdAcc {
  required int32 trdEnv = 1;
  required uint64 accID = 2;
  repeated int32 trdMarketAuthList = 3;
  optional int32 accType = 4;
  optional string cardNum = 5;
  optional int32 securityFirm = 6;
  optional int32 simAccType = 7;
  optional string uniCardNum = 8;
  optional int32 accStatus = 9;
}
message Funds {
  required double power = 1;
  required double totalAssets = 2;
  required double cash = 3;
  required double marketVal = 4;
  required double frozenCash = 5;
  required double debtCash = 6;
  required double avlWithdrawalCash = 7;
  optional int32 currency = 8;
  optional double availableFunds = 9;
  optional double unrealizedPL = 10;
  optional double realizedPL = 11;
}
message Position {
  required uint64 positionID = 1;
  required int32 positionSide = 2;
  required string code = 3;
  required string name = 4;
  required double qty = 5;
  required double canSellQty = 6;
  required double price = 7;
  optional double costPrice = 8;
  required double val = 9;
  required double plVal = 10;
  optional double plRatio = 11;
  optional int32 secMarket = 12;
  optional double td_plVal = 21;
  optional int32 currency = 30;
  optional int32 trdMarket = 31;
}
message Order {
  required int32 trdSide = 1;
  required int32 orderType = 2;
  required int32 orderStatus = 3;
  required uint64 orderID = 4;
  required string orderIDEx = 5;
  required string code = 6;
  required string name = 7;
  required double qty = 8;
  optional double price = 9;
  required string createTime = 10;
  required string updateTime = 11;
  optional double fillQty = 12;
  optional double fillAvgPrice = 13;
  optional string lastErrMsg = 14;
  optional int32 secMarket = 15;
  optional double createTimestamp = 16;
  optional double updateTimestamp = 17;
  optional string remark = 18;
  optional int32 timeInForce = 19;
  optional bool fillOutsideRTH = 20;
  optional double auxPrice = 21;
  optional int32 currency = 25;
  optional int32 trdMarket = 26;
}
message OrderFill {
  required int32 trdSide = 1;
  required uint64 fillID = 2;
  required string fillIDEx = 3;
  optional uint64 orderID = 4;
  optional string orderIDEx = 5;
  required string code = 6;
  required string name = 7;
  required double qty = 8;
  required double price = 9;
  required string createTime = 10;
  optional int32 counterBrokerID = 11;
  optional string counterBrokerName = 12;
  optional int32 secMarket = 13;
  optional double createTimestamp = 14;
  optional double updateTimestamp = 15;
  optional int32 status = 16;
  optional int32 trdMarket = 17;
}
message TrdFilterConditions { repeated string codeList = 1; repeated uint64 idList = 2; }`,

  `syntax = "proto2"; package InitConnect;
message C2S {
  required int32 clientVer = 1;
  required string clientID = 2;
  optional bool recvNotify = 3;
  optional int32 packetEncAlgo = 4;
  optional int32 pushProtoFmt = 5;
  optional string programmingLanguage = 6;
}
message S2C {
  required int32 serverVer = 1;
  required uint64 loginUserID = 2;
  required uint64 connID = 3;
  required string connAESKey = 4;
  required int32 keepAliveInterval = 5;
  optional string aesCBCiv = 6;
}
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package KeepAlive;
message C2S { required int64 time = 1; }
message S2C { required int64 time = 1; }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package GetGlobalState;
message C2S { required uint64 userID = 1; }
message S2C {
  required int32 marketHK = 1;
  required int32 marketUS = 2;
  required int32 marketSH = 3;
  required int32 marketSZ = 4;
  required int32 marketHKFuture = 5;
  required bool qotLogined = 6;
  required bool trdLogined = 7;
  required int32 serverVer = 8;
  required int32 serverBuildNo = 9;
  required int64 time = 10;
  optional double localTime = 11;
  optional Common.ProgramStatus programStatus = 12;
  optional uint64 connID = 16;
}
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Notify;
message GtwEvent { required int32 eventType = 1; required string desc = 2; }
message ProgramStatus { required Common.ProgramStatus programStatus = 1; }
message ConnectStatus { required bool qotLogined = 1; required bool trdLogined = 2; }
message APIQuota { required int32 subQuota = 1; required int32 historyKLQuota = 2; }
message S2C {
  required int32 type = 1;
  optional GtwEvent event = 2;
  optional ProgramStatus programStatus = 3;
  optional ConnectStatus connectStatus = 4;
  optional APIQuota apiQuota = 7;
}` + REPLY('S2C'),

  `syntax = "proto2"; package Qot_Sub;
message C2S {
  repeated Qot_Common.Security securityList = 1;
  repeated int32 subTypeList = 2;
  required bool isSubOrUnSub = 3;
  optional bool isRegOrUnRegPush = 4;
  optional bool isFirstPush = 6;
  optional bool isUnsubAll = 7;
}
message S2C { }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Qot_UpdateBasicQot;
message S2C { repeated Qot_Common.BasicQot basicQotList = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Qot_UpdateOrderBook;
message S2C {
  required Qot_Common.Security security = 1;
  optional string name = 8;
  repeated Qot_Common.OrderBook orderBookAskList = 2;
  repeated Qot_Common.OrderBook orderBookBidList = 3;
  optional double svrRecvTimeBidTimestamp = 5;
  optional double svrRecvTimeAskTimestamp = 7;
}` + REPLY('S2C'),

  `syntax = "proto2"; package Qot_UpdateTicker;
message S2C {
  required Qot_Common.Security security = 1;
  optional string name = 3;
  repeated Qot_Common.Ticker tickerList = 2;
}` + REPLY('S2C'),

  `syntax = "proto2"; package Qot_GetStaticInfo;
message C2S { optional int32 market = 1; optional int32 secType = 2; repeated Qot_Common.Security securityList = 3; }
message S2C { repeated Qot_Common.SecurityStaticInfo staticInfoList = 1; }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Qot_RequestHistoryKL;
message C2S {
  required int32 rehabType = 1;
  required int32 klType = 2;
  required Qot_Common.Security security = 3;
  required string beginTime = 4;
  required string endTime = 5;
  optional int32 maxAckKLNum = 6;
  optional bytes nextReqKey = 8;
}
message S2C {
  required Qot_Common.Security security = 1;
  optional string name = 4;
  repeated Qot_Common.KLine klList = 2;
  optional bytes nextReqKey = 3;
}
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_GetAccList;
message C2S { required uint64 userID = 1; optional int32 trdCategory = 2; }
message S2C { repeated Trd_Common.TrdAcc accList = 1; }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_UnlockTrade;
message C2S { required bool unlock = 1; optional string pwdMD5 = 2; optional int32 securityFirm = 3; }
message S2C { }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_SubAccPush;
message C2S { repeated uint64 accIDList = 1; }
message S2C { }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_GetFunds;
message C2S { required Trd_Common.TrdHeader header = 1; optional bool refreshCache = 2; optional int32 currency = 3; }
message S2C { required Trd_Common.TrdHeader header = 1; optional Trd_Common.Funds funds = 2; }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_GetPositionList;
message C2S {
  required Trd_Common.TrdHeader header = 1;
  optional Trd_Common.TrdFilterConditions filterConditions = 2;
  optional bool refreshCache = 5;
}
message S2C { required Trd_Common.TrdHeader header = 1; repeated Trd_Common.Position positionList = 2; }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_GetOrderList;
message C2S {
  required Trd_Common.TrdHeader header = 1;
  optional Trd_Common.TrdFilterConditions filterConditions = 2;
  repeated int32 filterStatusList = 3;
  optional bool refreshCache = 4;
}
message S2C { required Trd_Common.TrdHeader header = 1; repeated Trd_Common.Order orderList = 2; }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_GetOrderFillList;
message C2S {
  required Trd_Common.TrdHeader header = 1;
  optional Trd_Common.TrdFilterConditions filterConditions = 2;
  optional bool refreshCache = 3;
}
message S2C { required Trd_Common.TrdHeader header = 1; repeated Trd_Common.OrderFill orderFillList = 2; }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_PlaceOrder;
message C2S {
  required Common.PacketID packetID = 1;
  required Trd_Common.TrdHeader header = 2;
  required int32 trdSide = 3;
  required int32 orderType = 4;
  required string code = 5;
  required double qty = 6;
  optional double price = 7;
  optional bool adjustPrice = 8;
  optional double adjustSideAndLimit = 9;
  optional int32 secMarket = 10;
  optional string remark = 11;
  optional int32 timeInForce = 12;
  optional bool fillOutsideRTH = 13;
  optional double auxPrice = 14;
}
message S2C { required Trd_Common.TrdHeader header = 1; optional uint64 orderID = 2; optional string orderIDEx = 3; }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_ModifyOrder;
message C2S {
  required Common.PacketID packetID = 1;
  required Trd_Common.TrdHeader header = 2;
  required uint64 orderID = 3;
  required int32 modifyOrderOp = 4;
  optional bool forAll = 5;
  optional int32 trdMarket = 6;
  optional double qty = 8;
  optional double price = 9;
  optional bool adjustPrice = 10;
  optional double adjustSideAndLimit = 11;
  optional double auxPrice = 12;
  optional string orderIDEx = 16;
}
message S2C { required Trd_Common.TrdHeader header = 1; required uint64 orderID = 2; optional string orderIDEx = 3; }
message Request { required C2S c2s = 1; }` + REPLY('S2C'),

  `syntax = "proto2"; package Trd_UpdateOrder;
message S2C { required Trd_Common.TrdHeader header = 1; required Trd_Common.Order order = 2; }` +
    REPLY('S2C'),

  `syntax = "proto2"; package Trd_UpdateOrderFill;
message S2C { required Trd_Common.TrdHeader header = 1; required Trd_Common.OrderFill orderFill = 2; }` +
    REPLY('S2C'),
];

let root: protobuf.Root | undefined;

/** The schema, parsed once (field names kept as Futu spells them: keepCase). */
export function protoRoot(): protobuf.Root {
  if (!root) {
    const r = new protobuf.Root();
    for (const src of SCHEMA) protobuf.parse(src, r, { keepCase: true });
    r.resolveAll();
    root = r;
  }
  return root;
}

const types = new Map<string, protobuf.Type>();

/** A message type by its full name, e.g. "Trd_PlaceOrder.Request". */
export function protoType(name: string): protobuf.Type {
  let t = types.get(name);
  if (!t) {
    t = protoRoot().lookupType(name);
    types.set(name, t);
  }
  return t;
}
