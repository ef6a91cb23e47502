// The TAP session inside the native host process (bindings/native/host): loads and checks both libraries,
// creates the trade API (and the quote API when a quote front is given) with the authorization code,
// registers a notify object made of koffi callbacks on each, points them at their fronts and runs the calls
// the gateway asks for. Runs in its own process so that a vendor
// call that never returns is bounded (the host is killed) instead of freezing the console. Callbacks copy
// what they are given (an order through its pointer too: it is valid only during the call) and return.
import koffi from 'koffi';
import type { HostContext, HostedStart } from '../native/host/context.js';
import { stableString } from '../native/library.js';
import { copyStruct, protos, SpiObject, VendorObject, type SpiSlot } from '../native/vtable.js';
import { loadTap, TapLibraryError } from './library.js';
import type { QuoteEvent, TapOps, TradeEvent } from './protocol.js';
import { quoteStructs, tradeStructs, type QuoteStructName, type TradeStructName } from './structs.js';
import type { QuoteCallback, QuoteMethod, TradeCallback, TradeMethod } from './versions.js';

// SetHostAddress(const char *IP, TAPIUINT16 port, bool bSSL) -> TAPIINT32; the quote API's has no bSSL.
const setHostProto = koffi.proto('int', ['void *', 'const char *', 'uint16_t', 'bool']);
const setQuoteHostProto = koffi.proto('int', ['void *', 'const char *', 'uint16_t']);
// QryCommodity(TAPIUINT32 *sessionID).
const sidCall = koffi.proto('int', ['void *', 'void *']);
const ptrCall = koffi.proto('int', ['void *', 'const void *']);
// Qry*(TAPIUINT32 *sessionID, const Req *), CancelOrder likewise; InsertOrder adds TAPISTR_50 *ClientOrderNo.
const qryCall = koffi.proto('int', ['void *', 'void *', 'const void *']);
const insertCall = koffi.proto('int', ['void *', 'void *', 'void *', 'const void *']);

/** Notify shapes (reference/vendor-vtables.md, TAP 9.3.8.7). */
type Shape = 'connect' | 'login' | 'code' | 'rspQry' | 'action' | 'rtn' | 'rtnOrder';
const shapeProto = {
  connect: protos.strArg,
  login: koffi.proto('void', ['void *', 'int', 'void *']),
  code: protos.intArg,
  rspQry: koffi.proto('void', ['void *', 'uint32_t', 'int', 'char', 'void *']),
  action: koffi.proto('void', ['void *', 'uint32_t', 'int', 'void *']),
  rtn: protos.ptrArg,
  rtnOrder: protos.ptrArg,
} as const;

/** The trade notify callbacks vnt handles, with the struct each one's data is (the fuzz test drives each). */
export const NOTIFY: Record<TradeCallback, [Shape, TradeStructName | null]> = {
  OnConnect: ['connect', null],
  OnRspLogin: ['login', 'TradeLoginRspInfo'],
  OnAPIReady: ['code', null],
  OnDisconnect: ['code', null],
  OnRspQryAccount: ['rspQry', null],
  OnRspQryFund: ['rspQry', 'FundData'],
  OnRtnFund: ['rtn', 'FundData'],
  OnRspQryCommodity: ['rspQry', 'CommodityInfo'],
  OnRspQryContract: ['rspQry', 'TradeContractInfo'],
  OnRspOrderAction: ['action', 'OrderInfo'],
  OnRtnOrder: ['rtnOrder', 'OrderInfo'],
  OnRspQryOrder: ['rspQry', 'OrderInfo'],
  OnRspQryFill: ['rspQry', 'FillInfo'],
  OnRtnFill: ['rtn', 'FillInfo'],
  OnRspQryPosition: ['rspQry', 'PositionInfo'],
  OnRtnPosition: ['rtn', 'PositionInfo'],
};

/** Quote notify shapes (reference/vendor-vtables.md, TAP quote 9.3.1.4): OnAPIReady takes no argument. */
type QuoteShape = 'login' | 'ready' | 'code' | 'rspQry' | 'rtn';
const quoteShapeProto = {
  login: koffi.proto('void', ['void *', 'int', 'void *']),
  ready: protos.voidSelf,
  code: protos.intArg,
  rspQry: koffi.proto('void', ['void *', 'uint32_t', 'int', 'char', 'void *']),
  rtn: protos.ptrArg,
} as const;

/** The quote notify callbacks, likewise. */
export const QUOTE_NOTIFY: Record<QuoteCallback, [QuoteShape, QuoteStructName | null]> = {
  OnRspLogin: ['login', 'QuotLoginRspInfo'],
  OnAPIReady: ['ready', null],
  OnDisconnect: ['code', null],
  OnRspQryCommodity: ['rspQry', null],
  OnRspQryContract: ['rspQry', null],
  OnRspSubscribeQuote: ['rspQry', 'QuoteWhole'],
  OnRspUnSubscribeQuote: ['rspQry', null],
  OnRtnQuote: ['rtn', 'QuoteWhole'],
};

const YES = 'Y'.charCodeAt(0);
type TapHostEvent = TradeEvent | QuoteEvent;

export const start: HostedStart<TapOps, TapHostEvent, null> = (ctx: HostContext<TapHostEvent>) => {
  let trade: VendorObject<TradeMethod> | undefined;
  let quote: VendorObject<QuoteMethod> | undefined;
  const s = tradeStructs();
  const qs = quoteStructs();
  // Registered with the vendor for the life of this process.
  const notifies: unknown[] = [];

  /** Copies the struct a pointer (a 64-bit integer inside a copied struct) points at. */
  const deref = (buf: Buffer | null, offset: number, size: number): Buffer | null => {
    if (!buf) return null;
    const p = buf.readBigUInt64LE(offset);
    return p === 0n ? null : copyStruct(p, size);
  };

  function slot(name: TradeCallback): SpiSlot {
    const [shape, struct] = NOTIFY[name];
    const def = struct ? s[struct] : null;
    const size = def?.size ?? 0;
    const emit = (data: Buffer | null, e: Partial<Omit<TradeEvent, 'data' | 'name' | 'api'>> = {}) =>
      ctx.emit(() => ({
        api: 'trade' as const,
        name,
        sessionId: 0,
        errorCode: 0,
        isLast: true,
        text: '',
        action: '',
        ...e,
        data: data && def ? def.read(data) : null,
      }));
    const order = s.OrderInfo.size;
    const handlers: Record<Shape, (...a: unknown[]) => void> = {
      connect: (_self, host) => emit(null, { text: String(host ?? '') }),
      login: (_self, code, info) => emit(copyStruct(info, size), { errorCode: Number(code) }),
      code: (_self, code) => emit(null, { errorCode: Number(code) }),
      rspQry: (_self, sid, code, last, info) =>
        emit(copyStruct(info, size), {
          sessionId: Number(sid),
          errorCode: Number(code),
          isLast: Number(last) === YES,
        }),
      // TapAPIOrderActionRsp: ActionType char at 0, TapAPIOrderInfo * at 1 (packed).
      action: (_self, sid, code, rsp) => {
        const r = copyStruct(rsp, s.OrderActionRsp.size);
        emit(deref(r, 1, order), {
          sessionId: Number(sid),
          errorCode: Number(code),
          action: r ? String.fromCharCode(r[0]!) : '',
        });
      },
      rtn: (_self, info) => emit(copyStruct(info, size)),
      // TapAPIOrderInfoNotice: SessionID at 0, ErrorCode at 4, TapAPIOrderInfo * at 8.
      rtnOrder: (_self, notice) => {
        const n = copyStruct(notice, s.OrderInfoNotice.size);
        emit(deref(n, 8, order), {
          sessionId: n ? n.readUInt32LE(0) : 0,
          errorCode: n ? n.readUInt32LE(4) | 0 : 0,
        });
      },
    };
    return { proto: shapeProto[shape], handler: handlers[shape] };
  }

  function quoteSlot(name: QuoteCallback): SpiSlot {
    const [shape, struct] = QUOTE_NOTIFY[name];
    const def = struct ? qs[struct] : null;
    const size = def?.size ?? 0;
    const emit = (data: Buffer | null, e: Partial<Omit<QuoteEvent, 'data' | 'name' | 'api'>> = {}) =>
      ctx.emit(() => ({
        api: 'quote' as const,
        name,
        sessionId: 0,
        errorCode: 0,
        isLast: true,
        text: '',
        action: '',
        ...e,
        data: data && def ? def.read(data) : null,
      }));
    const handlers: Record<QuoteShape, (...a: unknown[]) => void> = {
      login: (_self, code, info) => emit(copyStruct(info, size), { errorCode: Number(code) }),
      ready: () => emit(null),
      code: (_self, code) => emit(null, { errorCode: Number(code) }),
      rspQry: (_self, sid, code, last, info) =>
        emit(def ? copyStruct(info, size) : null, {
          sessionId: Number(sid),
          errorCode: Number(code),
          isLast: Number(last) === YES,
        }),
      rtn: (_self, info) => emit(copyStruct(info, size)),
    };
    return { proto: quoteShapeProto[shape], handler: handlers[shape] };
  }

  const logError = (e: unknown) =>
    ctx.log('error', `error in a TAP callback: ${(e as Error)?.stack ?? String(e)}`);
  const need = () => {
    if (!trade) throw new Error('the TAP session is not open');
    return trade;
  };
  const needQuote = () => {
    if (!quote) throw new Error('the TAP session has no quote API (no quote front was set)');
    return quote;
  };
  const withSid = (method: string, call: (sid: Buffer) => unknown) => {
    const sid = Buffer.alloc(4);
    ctx.step(method);
    const result = Number(call(sid));
    return { result, sessionId: sid.readUInt32LE(0) };
  };

  return {
    open(req) {
      if (trade) throw new Error('the TAP session is already open');
      ctx.step('loading the TAP libraries');
      const tap = loadTap({
        trade: req.tradeLibrary,
        quote: req.quoteLibrary,
        dependencies: req.dependencies,
      });
      ctx.step('CreateITapTradeAPI');
      const info = s.ApplicationInfo.write({ AuthCode: req.authCode, APPID: req.appId });
      const created = tap.createTrade(info);
      if (created.api === 0n || created.result !== 0) {
        const text = tap.errorText(created.result);
        throw new TapLibraryError(
          `CreateITapTradeAPI refused the application [${created.result}]${text ? ` ${text}` : ''}: ` +
            'check the authorization code',
        );
      }
      trade = new VendorObject(created.api, tap.trade.api);
      const slots = {} as Record<TradeCallback, SpiSlot>;
      for (const name of Object.keys(NOTIFY) as TradeCallback[]) slots[name] = slot(name);
      const notify = new SpiObject(tap.trade.spi, slots, logError);
      notifies.push(notify);
      ctx.step('ITapTradeAPI::SetAPINotify');
      trade.call('SetAPINotify', ptrCall, notify.ptr);
      ctx.step('ITapTradeAPI::SetHostAddress');
      const hostResult = Number(
        trade.call('SetHostAddress', setHostProto, stableString(req.tradeHost), req.tradePort, false),
      );
      let quoteHostResult: number | undefined;
      if (req.quoteHost) {
        ctx.step('CreateTapQuoteAPI');
        const q = tap.createQuote(qs.ApplicationInfo.write({ AuthCode: req.authCode }));
        if (q.api === 0n || q.result !== 0) {
          throw new TapLibraryError(
            `CreateTapQuoteAPI refused the application [${q.result}]: check the authorization code`,
          );
        }
        quote = new VendorObject(q.api, tap.quote.api);
        const qslots = {} as Record<QuoteCallback, SpiSlot>;
        for (const name of Object.keys(QUOTE_NOTIFY) as QuoteCallback[]) qslots[name] = quoteSlot(name);
        const qnotify = new SpiObject(tap.quote.spi, qslots, logError);
        notifies.push(qnotify);
        ctx.step('ITapQuoteAPI::SetAPINotify');
        quote.call('SetAPINotify', ptrCall, qnotify.ptr);
        ctx.step('ITapQuoteAPI::SetHostAddress');
        quoteHostResult = Number(
          quote.call('SetHostAddress', setQuoteHostProto, stableString(req.quoteHost), req.quotePort ?? 0),
        );
      }
      return {
        version: tap.version,
        versionText: tap.versionText,
        quoteVersion: tap.quoteVersion,
        quoteVersionText: tap.quoteVersionText,
        hostResult,
        ...(quoteHostResult === undefined ? {} : { quoteHostResult }),
      };
    },
    login(fields) {
      const t = need();
      ctx.step('ITapTradeAPI::Login');
      return Number(t.call('Login', ptrCall, s.TradeLoginAuth.write(fields)));
    },
    query(r) {
      const t = need();
      return withSid(`ITapTradeAPI::${r.method}`, (sid) =>
        t.call(r.method, qryCall, sid, s[r.struct].write(r.fields)),
      );
    },
    queryCommodities() {
      const t = need();
      return withSid('ITapTradeAPI::QryCommodity', (sid) => t.call('QryCommodity', sidCall, sid));
    },
    quoteLogin(fields) {
      const q = needQuote();
      ctx.step('ITapQuoteAPI::Login');
      return Number(q.call('Login', ptrCall, qs.QuoteLoginAuth.write(fields)));
    },
    subscribe(fields) {
      const q = needQuote();
      return withSid('ITapQuoteAPI::SubscribeQuote', (sid) =>
        q.call('SubscribeQuote', qryCall, sid, qs.Contract.write(fields)),
      );
    },
    unsubscribe(fields) {
      const q = needQuote();
      return withSid('ITapQuoteAPI::UnSubscribeQuote', (sid) =>
        q.call('UnSubscribeQuote', qryCall, sid, qs.Contract.write(fields)),
      );
    },
    insert(fields) {
      const t = need();
      const sid = Buffer.alloc(4);
      const clientOrderNo = Buffer.alloc(51);
      ctx.step('ITapTradeAPI::InsertOrder');
      const result = Number(t.call('InsertOrder', insertCall, sid, clientOrderNo, s.NewOrder.write(fields)));
      const end = clientOrderNo.indexOf(0);
      return {
        result,
        sessionId: sid.readUInt32LE(0),
        clientOrderNo: clientOrderNo.toString('latin1', 0, end < 0 ? 51 : end),
      };
    },
    cancel(fields) {
      const t = need();
      return withSid('ITapTradeAPI::CancelOrder', (sid) =>
        t.call('CancelOrder', qryCall, sid, s.OrderCancelReq.write(fields)),
      );
    },
    release() {
      trade = undefined;
      quote = undefined;
      return null;
    },
  };
};
