// The XTP session inside the native host process (bindings/native/host): loads and checks both libraries,
// creates the trader and quote API objects, registers SPI objects made of koffi callbacks and makes the calls
// the gateway asks for. XTP's Login blocks in the library until the server answers (or its own timeout): it
// runs here, in this disposable process, and the console bounds the call and kills this process if it never
// returns. Callbacks copy their struct and return at once;
// decoding happens when the host flushes its batch.
import fs from 'node:fs';
import koffi from 'koffi';
import type { HostContext, HostedStart } from '../native/host/context.js';
import { copyStruct, protos, SpiObject, VendorObject, type SpiSlot } from '../native/vtable.js';
import { loadQuote, loadTrader } from './library.js';
import type { ApiKind, CallResult, RspInfo, SpiEvent, XtpOps } from './protocol.js';
import { STRUCTS, type StructName } from './structs.js';
import type { QuoteCallback, QuoteMethod, TraderCallback, TraderMethod } from './versions.js';

const P = {
  login: koffi.proto('uint64_t', ['void *', 'const char *', 'int', 'const char *', 'const char *', 'int', 'const char *']),
  quoteLogin: koffi.proto('int', ['void *', 'const char *', 'int', 'const char *', 'const char *', 'int', 'const char *']),
  logout: koffi.proto('int', ['void *', 'uint64_t']),
  quoteLogout: koffi.proto('int', ['void *']),
  lastError: koffi.proto('void *', ['void *']),
  uintArg: koffi.proto('void', ['void *', 'uint32_t']),
  insert: koffi.proto('uint64_t', ['void *', 'void *', 'uint64_t']),
  cancel: koffi.proto('uint64_t', ['void *', 'uint64_t', 'uint64_t']),
  queryReq: koffi.proto('int', ['void *', 'void *', 'uint64_t', 'int']),
  queryPosition: koffi.proto('int', ['void *', 'const char *', 'uint64_t', 'int', 'int']),
  queryAsset: koffi.proto('int', ['void *', 'uint64_t', 'int']),
  repay: koffi.proto('uint64_t', ['void *', 'double', 'uint64_t']),
  tickers: koffi.proto('int', ['void *', 'const char **', 'int', 'int']),
  exchange: koffi.proto('int', ['void *', 'int']),
  // Callbacks (void *self first).
  tdDisconnected: koffi.proto('void', ['void *', 'uint64_t', 'int']),
  error: koffi.proto('void', ['void *', 'void *']),
  event: koffi.proto('void', ['void *', 'void *', 'void *', 'uint64_t']),
  trade: koffi.proto('void', ['void *', 'void *', 'uint64_t']),
  queryRsp: koffi.proto('void', ['void *', 'void *', 'void *', 'int', 'bool', 'uint64_t']),
  singleRsp: koffi.proto('void', ['void *', 'void *', 'void *', 'int', 'uint64_t']),
  mdDisconnected: koffi.proto('void', ['void *', 'int']),
  mdRsp: koffi.proto('void', ['void *', 'void *', 'void *', 'bool']),
  depth: koffi.proto('void', ['void *', 'void *', 'void *', 'int32_t', 'int32_t', 'void *', 'int32_t', 'int32_t']),
} as const; // prettier-ignore

const INFO = STRUCTS.RspInfo;

/** The depth fields the gateway uses (of 736 bytes, a hundred fields): read only these, per tick. */
const levels = (p: string) => Array.from({ length: 10 }, (_, i) => `${p}${i + 1}`);
export const DEPTH_FIELDS = [
  'exchange_id', 'ticker', 'last_price', 'pre_close_price', 'open_price', 'high_price', 'low_price',
  'total_long_positon', 'upper_limit_price', 'lower_limit_price', 'data_time', 'qty', 'turnover', 'data_type',
  ...levels('bid'), ...levels('ask'), ...levels('bid_qty'), ...levels('ask_qty'),
]; // prettier-ignore
const readDepth = STRUCTS.MarketData.picker(DEPTH_FIELDS);

type Shape =
  | 'tdDisconnected'
  | 'error'
  | 'event'
  | 'trade'
  | 'queryRsp'
  | 'singleRsp'
  | 'mdDisconnected'
  | 'mdRsp'
  | 'depth';

const TRADER_SLOTS: Record<TraderCallback, [Shape, StructName | null]> = {
  OnDisconnected: ['tdDisconnected', null],
  OnError: ['error', null],
  OnOrderEvent: ['event', 'OrderInfo'],
  OnTradeEvent: ['trade', 'TradeReport'],
  OnCancelOrderError: ['event', 'OrderCancelInfo'],
  OnQueryOrder: ['queryRsp', 'OrderInfo'],
  OnQueryTrade: ['queryRsp', 'TradeReport'],
  OnQueryPosition: ['queryRsp', 'QueryStkPositionRsp'],
  OnQueryAsset: ['queryRsp', 'QueryAssetRsp'],
  OnQueryOptionAuctionInfo: ['queryRsp', 'OptionAuctionInfoRsp'],
  OnCreditCashRepay: ['event', 'CrdCashRepayRsp'],
  OnQueryCreditFundInfo: ['singleRsp', 'CrdFundInfo'],
  OnQueryCreditDebtInfo: ['queryRsp', 'CrdDebtInfo'],
};

const QUOTE_SLOTS: Record<QuoteCallback, [Shape, StructName | null]> = {
  OnDisconnected: ['mdDisconnected', null],
  OnError: ['error', null],
  OnSubMarketData: ['mdRsp', 'SpecificTicker'],
  OnDepthMarketData: ['depth', 'MarketData'],
  OnQueryAllTickers: ['mdRsp', 'QuoteStaticInfo'],
  OnQueryAllNQTickersFullInfo: ['mdRsp', 'NQFullInfo'],
};

const id = (v: unknown): string => (v === null || v === undefined ? '0' : BigInt(v as bigint).toString());

export const start: HostedStart<XtpOps, SpiEvent, null> = (ctx: HostContext<SpiEvent>) => {
  let trader: VendorObject<TraderMethod> | undefined;
  let quote: VendorObject<QuoteMethod> | undefined;
  // Kept for the life of this process: nothing the vendor was given is freed under its threads.
  const spis: SpiObject<string>[] = [];

  function slot(
    api: ApiKind,
    name: TraderCallback | QuoteCallback,
    shape: Shape,
    struct: StructName | null,
  ): SpiSlot {
    const size = struct ? STRUCTS[struct].size : 0;
    const emit = (
      data: Buffer | null,
      info: Buffer | null,
      extra: Partial<Pick<SpiEvent, 'requestId' | 'isLast' | 'sessionId' | 'reason'>> = {},
    ) =>
      ctx.emit(() => ({
        api,
        name,
        data:
          data && struct ? (struct === 'MarketData' ? readDepth(data) : STRUCTS[struct].read(data)) : null,
        info: info ? (INFO.read(info) as unknown as RspInfo) : null,
        requestId: extra.requestId ?? 0,
        isLast: extra.isLast ?? true,
        sessionId: extra.sessionId ?? '0',
        reason: extra.reason ?? 0,
      }));
    const handlers: Record<Shape, (...a: unknown[]) => void> = {
      tdDisconnected: (_s, session, reason) =>
        emit(null, null, { sessionId: id(session), reason: Number(reason) }),
      error: (_s, info) => emit(null, copyStruct(info, INFO.size)),
      event: (_s, data, info, session) =>
        emit(copyStruct(data, size), copyStruct(info, INFO.size), { sessionId: id(session) }),
      trade: (_s, data, session) => emit(copyStruct(data, size), null, { sessionId: id(session) }),
      queryRsp: (_s, data, info, requestId, isLast, session) =>
        emit(copyStruct(data, size), copyStruct(info, INFO.size), {
          requestId: Number(requestId),
          isLast: Boolean(isLast),
          sessionId: id(session),
        }),
      // A one-row answer (QueryCreditFundInfo) has no is_last: it is the last.
      singleRsp: (_s, data, info, requestId, session) =>
        emit(copyStruct(data, size), copyStruct(info, INFO.size), {
          requestId: Number(requestId),
          sessionId: id(session),
        }),
      mdDisconnected: (_s, reason) => emit(null, null, { reason: Number(reason) }),
      mdRsp: (_s, data, info, isLast) =>
        emit(copyStruct(data, size), copyStruct(info, INFO.size), { isLast: Boolean(isLast) }),
      // Only the snapshot: the level-1 order queues (bid1_qty[], ask1_qty[]) are not used.
      depth: (_s, data) => emit(copyStruct(data, size), null),
    };
    return { proto: P[shape], handler: handlers[shape] };
  }

  function slots<C extends TraderCallback | QuoteCallback>(
    api: ApiKind,
    table: Record<C, [Shape, StructName | null]>,
  ): Record<C, SpiSlot> {
    const out = {} as Record<C, SpiSlot>;
    for (const name of Object.keys(table) as C[]) out[name] = slot(api, name, table[name][0], table[name][1]);
    return out;
  }

  const logError = (e: unknown) =>
    ctx.log('error', `error in an XTP callback: ${(e as Error)?.stack ?? String(e)}`);

  function lastError(api: VendorObject<string>): RspInfo {
    const p = api.call('GetApiLastError', P.lastError);
    const buf = copyStruct(p, INFO.size);
    return buf ? (INFO.read(buf) as unknown as RspInfo) : { error_id: -1, error_msg: 'no error information' };
  }

  function requireTrader(): VendorObject<TraderMethod> {
    if (!trader) throw new Error('the XTP session is not open');
    return trader;
  }
  function requireQuote(): VendorObject<QuoteMethod> {
    if (!quote) throw new Error('the XTP session is not open');
    return quote;
  }

  /** A call returning an id: "0" means refused, and GetApiLastError says why. */
  function idResult(api: VendorObject<string>, value: unknown): CallResult {
    const v = id(value);
    return { value: v, error: v === '0' ? lastError(api) : null };
  }
  /** A call returning a code: 0 means sent. */
  function codeResult(api: VendorObject<string>, value: unknown): CallResult {
    const v = String(Number(value));
    return { value: v, error: v === '0' ? null : lastError(api) };
  }

  return {
    open(req) {
      if (trader) throw new Error('the XTP session is already open');
      fs.mkdirSync(req.logDir, { recursive: true });
      ctx.step('XTP::API::TraderApi::CreateTraderApi');
      const t = loadTrader(req.traderLibrary, req.clientId, req.logDir, req.logLevel);
      const td = new VendorObject(t.object, t.abi.traderApi);
      trader = td;
      const tdSpi = new SpiObject(t.abi.traderSpi, slots('td', TRADER_SLOTS), logError);
      spis.push(tdSpi as SpiObject<string>);
      td.call('RegisterSpi', protos.ptrArg, tdSpi.ptr);
      td.call('SetSoftwareKey', protos.strArg, req.softwareKey);
      td.call('SetSoftwareVersion', protos.strArg, 'vnt');
      td.call('SetHeartBeatInterval', P.uintArg, req.heartbeatS);
      // XTP_TERT_QUICK: no replay of the public flow; the gateway queries orders and trades after each login.
      td.call('SubscribePublicTopic', protos.intArg, 2);

      ctx.step('XTP::API::QuoteApi::CreateQuoteApi');
      const q = loadQuote(req.quoteLibrary, req.clientId, req.logDir, req.logLevel);
      const md = new VendorObject<QuoteMethod>(q.object, q.abi.quoteApi);
      quote = md;
      const mdSpi = new SpiObject(q.abi.quoteSpi, slots('md', QUOTE_SLOTS), logError);
      spis.push(mdSpi as SpiObject<string>);
      md.call('RegisterSpi', protos.ptrArg, mdSpi.ptr);
      md.call('SetHeartBeatInterval', P.uintArg, req.heartbeatS);
      // The tables' names: the version, or the version and its variant ("2.2.32-xalgo").
      return {
        beijing: t.abi.beijing && q.abi.beijing,
        version: t.abi.name,
        versionText: t.versionText,
        quoteVersion: q.abi.name,
        quoteVersionText: q.versionText,
      };
    },
    // Login blocks this host process's main thread (never the console's: the console bounds the call and
    // kills this process if it does not return). It cannot run on koffi's async pool: XTP's last error is
    // per thread — verified with the real libxtptraderapi.so 2.2.32, where a Login refused on a pool thread
    // reads as error 0 from this one — and GetApiLastError must follow on the thread whose call failed.
    // (Calling the vtable from a worker_threads Worker crashed koffi 3.3.4 in a quick trial.)
    traderLogin(r) {
      const td = requireTrader();
      ctx.step('XTP::API::TraderApi::Login');
      return idResult(td, td.call('Login', P.login, r.ip, r.port, r.user, r.password, r.protocol, null));
    },
    quoteLogin(r) {
      const md = requireQuote();
      ctx.step('XTP::API::QuoteApi::Login');
      return codeResult(
        md,
        md.call('Login', P.quoteLogin, r.ip, r.port, r.user, r.password, r.protocol, null),
      );
    },
    async traderLogout(sessionId) {
      const td = requireTrader();
      ctx.step('XTP::API::TraderApi::Logout');
      return codeResult(td, await td.callAsync('Logout', P.logout, BigInt(sessionId)));
    },
    async quoteLogout() {
      const md = requireQuote();
      ctx.step('XTP::API::QuoteApi::Logout');
      return codeResult(md, await md.callAsync('Logout', P.quoteLogout));
    },
    insert({ sessionId, fields }) {
      const td = requireTrader();
      const buf = STRUCTS.OrderInsertInfo.write(fields);
      ctx.step('XTP::API::TraderApi::InsertOrder');
      return idResult(td, td.call('InsertOrder', P.insert, buf, BigInt(sessionId)));
    },
    cancel({ sessionId, xtpId }) {
      const td = requireTrader();
      ctx.step('XTP::API::TraderApi::CancelOrder');
      return idResult(td, td.call('CancelOrder', P.cancel, BigInt(xtpId), BigInt(sessionId)));
    },
    query({ kind, sessionId, requestId }) {
      const td = requireTrader();
      const session = BigInt(sessionId);
      switch (kind) {
        case 'orders':
          ctx.step('XTP::API::TraderApi::QueryOrders');
          // An empty ticker and zero times: every order of the trading day.
          return codeResult(
            td,
            td.call('QueryOrders', P.queryReq, STRUCTS.QueryOrderReq.write({}), session, requestId),
          );
        case 'trades':
          ctx.step('XTP::API::TraderApi::QueryTrades');
          return codeResult(
            td,
            td.call('QueryTrades', P.queryReq, STRUCTS.QueryTraderReq.write({}), session, requestId),
          );
        case 'position':
          ctx.step('XTP::API::TraderApi::QueryPosition');
          // An empty ticker with XTP_MKT_INIT: every holding.
          return codeResult(td, td.call('QueryPosition', P.queryPosition, '', session, requestId, 0));
        case 'asset':
          ctx.step('XTP::API::TraderApi::QueryAsset');
          return codeResult(td, td.call('QueryAsset', P.queryAsset, session, requestId));
        case 'options':
          ctx.step('XTP::API::TraderApi::QueryOptionAuctionInfo');
          // XTP_MKT_INIT and an empty ticker: every option contract.
          return codeResult(
            td,
            td.call(
              'QueryOptionAuctionInfo',
              P.queryReq,
              STRUCTS.OptionAuctionInfoReq.write({}),
              session,
              requestId,
            ),
          );
        case 'creditFund':
          ctx.step('XTP::API::TraderApi::QueryCreditFundInfo');
          return codeResult(td, td.call('QueryCreditFundInfo', P.queryAsset, session, requestId));
        case 'creditDebt':
          ctx.step('XTP::API::TraderApi::QueryCreditDebtInfo');
          return codeResult(td, td.call('QueryCreditDebtInfo', P.queryAsset, session, requestId));
      }
    },
    repay({ sessionId, amount }) {
      const td = requireTrader();
      ctx.step('XTP::API::TraderApi::CreditCashRepay');
      return idResult(td, td.call('CreditCashRepay', P.repay, amount, BigInt(sessionId)));
    },
    queryTickers(exchange) {
      const md = requireQuote();
      if (exchange === 3) {
        ctx.step('XTP::API::QuoteApi::QueryAllNQTickersFullInfo');
        return codeResult(md, md.call('QueryAllNQTickersFullInfo', P.quoteLogout));
      }
      ctx.step('XTP::API::QuoteApi::QueryAllTickers');
      return codeResult(md, md.call('QueryAllTickers', P.exchange, exchange));
    },
    subscribe({ tickers, exchange }) {
      const md = requireQuote();
      ctx.step('XTP::API::QuoteApi::SubscribeMarketData');
      return codeResult(md, md.call('SubscribeMarketData', P.tickers, tickers, tickers.length, exchange));
    },
    async release() {
      // Release joins the vendor threads: never synchronously (a queued callback would deadlock it).
      if (quote) {
        ctx.step('XTP::API::QuoteApi::Release');
        await quote.callAsync('Release', protos.voidSelf);
      }
      if (trader) {
        ctx.step('XTP::API::TraderApi::Release');
        await trader.callAsync('Release', protos.voidSelf);
      }
      quote = undefined;
      trader = undefined;
      return null;
    },
  };
};
