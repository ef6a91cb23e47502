// What the console asks of the hosted TAP session (hosted.ts) and what comes back; plain data across the
// native host's IPC channel.
import type { TapRecord, TradeStructName } from './structs.js';
import type { QuoteCallback, TradeCallback } from './versions.js';

export interface OpenRequest {
  tradeLibrary: string;
  quoteLibrary: string;
  /** Bundled dependencies to preload, in order (resolveTapFiles). */
  dependencies: string[];
  authCode: string;
  appId: string;
  tradeHost: string;
  tradePort: number;
  /** The quote front; without it the quote API is not created (a trade-only session). */
  quoteHost?: string;
  quotePort?: number;
}

export interface OpenResult {
  version: string;
  versionText: string;
  quoteVersion: string;
  quoteVersionText: string;
  /** SetHostAddress's TAP return code (0 = accepted). */
  hostResult: number;
  /** The quote API's SetHostAddress return code; undefined when no quote API was created. */
  quoteHostResult?: number;
}

/** The trade API's queries that take (TAPIUINT32 *sessionID, const Req *). */
export type QueryMethod = 'QryFund' | 'QryContract' | 'QryPosition' | 'QryOrder' | 'QryFill';

export interface QueryReq {
  method: QueryMethod;
  struct: TradeStructName;
  fields: TapRecord;
}

/** A TAP call's return code and the session id it assigned (the id its callbacks carry). */
export interface Issued {
  result: number;
  sessionId: number;
}

export interface Inserted extends Issued {
  clientOrderNo: string;
}

export type TapOps = {
  open: { arg: OpenRequest; result: OpenResult };
  login: { arg: TapRecord; result: number };
  query: { arg: QueryReq; result: Issued };
  /** QryCommodity(TAPIUINT32 *sessionID): every commodity the account may trade. */
  queryCommodities: { arg: null; result: Issued };
  insert: { arg: TapRecord; result: Inserted };
  cancel: { arg: TapRecord; result: Issued };
  quoteLogin: { arg: TapRecord; result: number };
  /** SubscribeQuote / UnSubscribeQuote with a TapAPIContract. */
  subscribe: { arg: TapRecord; result: Issued };
  unsubscribe: { arg: TapRecord; result: Issued };
  release: { arg: null; result: null };
};

/** One notify callback of either API, copied out of the vendor's thread. */
export type TapEvent = TradeEvent | QuoteEvent;

interface EventBase {
  sessionId: number;
  errorCode: number;
  isLast: boolean;
  /** The callback's struct (for OnRspOrderAction and OnRtnOrder: the order it points at). */
  data: TapRecord | null;
  /** OnConnect's host address. */
  text: string;
  /** OnRspOrderAction's action type ('1' insert, '2' modify, '3' delete). */
  action: string;
}

export interface TradeEvent extends EventBase {
  api: 'trade';
  name: TradeCallback;
}

export interface QuoteEvent extends EventBase {
  api: 'quote';
  name: QuoteCallback;
}
