// OpenD's protocol numbers and enum values vnt uses (Futu OpenAPI protocol reference; ProtoId table and enums as
// in FutunnOpen/py-futu-api cb11588a futu/common/constant.py and futu/common/pb/*.proto). Facts, not code.

export const PROTO = {
  InitConnect: 1001,
  GetGlobalState: 1002,
  Notify: 1003,
  KeepAlive: 1004,
  Trd_GetAccList: 2001,
  Trd_UnlockTrade: 2005,
  Trd_SubAccPush: 2008,
  Trd_GetFunds: 2101,
  Trd_GetPositionList: 2102,
  Trd_GetOrderList: 2201,
  Trd_PlaceOrder: 2202,
  Trd_ModifyOrder: 2205,
  Trd_UpdateOrder: 2208,
  Trd_GetOrderFillList: 2211,
  Trd_UpdateOrderFill: 2218,
  Qot_Sub: 3001,
  Qot_UpdateBasicQot: 3005,
  Qot_UpdateTicker: 3011,
  Qot_UpdateOrderBook: 3013,
  Qot_RequestHistoryKL: 3103,
  Qot_GetStaticInfo: 3202,
} as const;

export type ProtoName = keyof typeof PROTO;

/** Protocol id → the schema package of its messages (the same name). */
export const PROTO_NAME: ReadonlyMap<number, ProtoName> = new Map(
  Object.entries(PROTO).map(([k, v]) => [v, k as ProtoName]),
);

/** Pushes: OpenD sends them unasked, serialNo carries no request. */
export const PUSH_PROTOS: ReadonlySet<number> = new Set([
  PROTO.Notify,
  PROTO.Qot_UpdateBasicQot,
  PROTO.Qot_UpdateTicker,
  PROTO.Qot_UpdateOrderBook,
  PROTO.Trd_UpdateOrder,
  PROTO.Trd_UpdateOrderFill,
]);

/** Quote pushes: their 64-bit fields are volumes, decoded as numbers (see codec.decodeBody). */
export const QUOTE_PUSHES: ReadonlySet<number> = new Set([
  PROTO.Qot_UpdateBasicQot,
  PROTO.Qot_UpdateTicker,
  PROTO.Qot_UpdateOrderBook,
]);

export const RET_TYPE = {
  Succeed: 0,
  Failed: -1,
  TimeOut: -100,
  DisConnect: -200,
  Unknown: -400,
  Invalid: -500,
};

export const TRD_ENV = { Simulate: 0, Real: 1 } as const;

export const TRD_MARKET = { HK: 1, US: 2, CN: 3, HKCC: 4 } as const;

export const TRD_SEC_MARKET = { HK: 1, US: 2, CN_SH: 31, CN_SZ: 32 } as const;

export const QOT_MARKET = { HK_Security: 1, US_Security: 11, CNSH_Security: 21, CNSZ_Security: 22 } as const;

export const SECURITY_TYPE = { Eqty: 3, Trust: 4, Warrant: 5, Index: 6, Drvt: 8 } as const;

export const SUB_TYPE = { Basic: 1, OrderBook: 2, Ticker: 4 } as const;

export const KL_TYPE = { Min1: 1, Day: 2, Week: 3, Min5: 6, Min15: 7, Min30: 8, Min60: 9 } as const;

export const TRD_SIDE = { Buy: 1, Sell: 2, SellShort: 3, BuyBack: 4 } as const;

export const ORDER_TYPE = {
  /** Limit; in HK the enhanced limit order. */
  Normal: 1,
  Market: 2,
  AbsoluteLimit: 5,
  Auction: 6,
  AuctionLimit: 7,
  /** HK: fills like the enhanced limit order, then the exchange cancels what is left (FAK). */
  SpecialLimit: 8,
  /** HK: all or nothing (FOK). */
  SpecialLimitAll: 9,
  Stop: 10,
  StopLimit: 11,
} as const;

export const ORDER_STATUS = {
  Unsubmitted: 0,
  Unknown: -1,
  WaitingSubmit: 1,
  Submitting: 2,
  SubmitFailed: 3,
  TimeOut: 4,
  Submitted: 5,
  Filled_Part: 10,
  Filled_All: 11,
  Cancelling_Part: 12,
  Cancelling_All: 13,
  Cancelled_Part: 14,
  Cancelled_All: 15,
  Failed: 21,
  Disabled: 22,
  Deleted: 23,
  FillCancelled: 24,
} as const;

export const MODIFY_ORDER_OP = { Normal: 1, Cancel: 2, Disable: 3, Enable: 4, Delete: 5 } as const;

export const POSITION_SIDE = { Long: 0, Short: 1 } as const;

export const CURRENCY: Readonly<Record<number, string>> = {
  1: 'HKD',
  2: 'USD',
  3: 'CNH',
  4: 'JPY',
  5: 'SGD',
  6: 'AUD',
  7: 'CAD',
  8: 'MYR',
};

export const NOTIFY_TYPE = {
  GtwEvent: 1,
  ProgramStatus: 2,
  ConnStatus: 3,
  QotRight: 4,
  APILevel: 5,
  APIQuota: 6,
  UsedQuota: 7,
} as const;

/** GtwEventType values a trader must hear about. */
export const GTW_EVENT: Readonly<Record<number, string>> = {
  1: 'local configuration failed to load',
  2: 'API server failed to run',
  3: 'OpenD must be updated',
  4: 'login failed',
  5: 'disclaimer not agreed',
  6: 'network configuration missing',
  7: 'logged in elsewhere (kicked out)',
  8: 'login password changed',
  9: 'login banned',
  10: 'picture verification code needed',
  11: 'phone verification code needed',
  12: 'app data missing',
  13: 'necessary data missing',
  14: 'trade password changed (trading locked)',
  15: 'device lock enabled',
};

/** The header's fixed size and the body's format byte (0 protobuf, 1 JSON). */
export const HEADER_SIZE = 44;
export const PROTO_FMT_PROTOBUF = 0;
export const CLIENT_VER = 300;
