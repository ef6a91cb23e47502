// The TORA session inside the native host process (bindings/native/host): loads and checks both libraries,
// creates the trader and XMd APIs, registers SPI objects made of koffi callbacks and runs the calls the
// gateway asks for. Callbacks copy their struct and return at once (each holds a vendor thread until it has
// run); decoding happens when the host flushes its batch to the console.
import fs from 'node:fs';
import koffi from 'koffi';
import type { HostContext, HostedStart } from '../native/host/context.js';
import { stableString } from '../native/library.js';
import { copyStruct, protos, SpiObject, VendorObject, type SpiSlot } from '../native/vtable.js';
import { loadTora, type LoadedTora } from './library.js';
import type { ApiKind, RspInfo, SpiEvent, ToraOps } from './protocol.js';
import type { NativeStruct } from '../native/structs.js';
import type { MdCallback, MdMethod, TraderCallback, TraderMethod } from './versions.js';

/**
 * Callback shapes: TORA's OnRsp* of a request carry (data, info, requestId) with no bIsLast; query answers
 * add bIsLast; XMd's OnRspSubMarketData is (data, info) only.
 */
type Shape = 'connected' | 'disconnected' | 'rsp' | 'rspQry' | 'rspError' | 'rtn' | 'dataInfo';
const rspProto = koffi.proto('void', ['void *', 'void *', 'void *', 'int']);
const shapeProto = {
  connected: protos.voidSelf,
  disconnected: protos.intArg,
  rsp: rspProto,
  rspQry: protos.rsp,
  rspError: protos.rspError,
  rtn: protos.ptrArg,
  dataInfo: protos.ptrPtr,
} as const;
const subscribeProto = koffi.proto('int', ['void *', 'const char **', 'int', 'char']);

const TRADER_SLOTS: Record<TraderCallback, [Shape, string | null]> = {
  OnFrontConnected: ['connected', null],
  OnFrontDisconnected: ['disconnected', null],
  OnRspError: ['rspError', null],
  OnRspUserLogin: ['rsp', 'RspUserLogin'],
  OnRspOrderInsert: ['rsp', 'InputOrder'],
  OnRtnOrder: ['rtn', 'Order'],
  OnErrRtnOrderInsert: ['rsp', 'InputOrder'],
  OnRtnTrade: ['rtn', 'Trade'],
  OnRspOrderAction: ['rsp', 'InputOrderAction'],
  OnErrRtnOrderAction: ['rsp', 'InputOrderAction'],
  OnRspQrySecurity: ['rspQry', 'Security'],
  OnRspQryInvestor: ['rspQry', 'Investor'],
  OnRspQryShareholderAccount: ['rspQry', 'ShareholderAccount'],
  OnRspQryOrder: ['rspQry', 'Order'],
  OnRspQryTrade: ['rspQry', 'Trade'],
  OnRspQryTradingAccount: ['rspQry', 'TradingAccount'],
  OnRspQryPosition: ['rspQry', 'Position'],
};

const MD_SLOTS: Record<MdCallback, [Shape, string | null]> = {
  OnFrontConnected: ['connected', null],
  OnFrontDisconnected: ['disconnected', null],
  OnRspUserLogin: ['rsp', 'RspUserLogin'],
  OnRspSubMarketData: ['dataInfo', 'SpecificSecurity'],
  OnRtnMarketData: ['rtn', 'MarketData'],
};

type AnySet = Readonly<Record<string, NativeStruct<string>>>;

export const start: HostedStart<ToraOps, SpiEvent, null> = (ctx: HostContext<SpiEvent>) => {
  let loaded: LoadedTora | undefined;
  let trader: VendorObject<TraderMethod> | undefined;
  let md: VendorObject<MdMethod> | undefined;
  // Everything the vendor was given stays allocated and registered for the life of this process.
  const spis: SpiObject<string>[] = [];

  function slot(api: ApiKind, name: string, shape: Shape, struct: string | null, s: AnySet): SpiSlot {
    const def = struct ? s[struct]! : null;
    const size = def?.size ?? 0;
    const infoDef = s.RspInfo!;
    const emit = (data: Buffer | null, info: Buffer | null, requestId = 0, isLast = true, reason = 0) =>
      ctx.emit(() => ({
        api,
        name: name as SpiEvent['name'],
        data: data && def ? def.read(data) : null,
        info: info ? (infoDef.read(info) as unknown as RspInfo) : null,
        requestId,
        isLast,
        reason,
      }));
    const handlers: Record<Shape, (...a: unknown[]) => void> = {
      connected: () => emit(null, null),
      disconnected: (_self, reason) => emit(null, null, 0, true, Number(reason)),
      rsp: (_self, data, info, requestId) =>
        emit(copyStruct(data, size), copyStruct(info, infoDef.size), Number(requestId)),
      rspQry: (_self, data, info, requestId, isLast) =>
        emit(copyStruct(data, size), copyStruct(info, infoDef.size), Number(requestId), Boolean(isLast)),
      rspError: (_self, info, requestId, isLast) =>
        emit(null, copyStruct(info, infoDef.size), Number(requestId), Boolean(isLast)),
      rtn: (_self, data) => emit(copyStruct(data, size), null),
      dataInfo: (_self, data, info) => emit(copyStruct(data, size), copyStruct(info, infoDef.size)),
    };
    return { proto: shapeProto[shape], handler: handlers[shape] };
  }

  function slots<C extends string>(api: ApiKind, table: Record<C, [Shape, string | null]>, s: AnySet) {
    const out = {} as Record<C, SpiSlot>;
    for (const name of Object.keys(table) as C[])
      out[name] = slot(api, name, table[name][0], table[name][1], s);
    return out;
  }

  const logError = (e: unknown) =>
    ctx.log('error', `error in a TORA callback: ${(e as Error)?.stack ?? String(e)}`);

  return {
    open(req) {
      if (loaded) throw new Error('the TORA session is already open');
      ctx.step('loading the TORA libraries');
      const l = loadTora(req.traderLibrary, req.mdLibrary);
      loaded = l;
      fs.mkdirSync(req.flowDir, { recursive: true });
      const flow = req.flowDir.endsWith('/') ? req.flowDir : req.flowDir + '/';

      ctx.step('CTORATstpTraderApi::CreateTstpTraderApi');
      const td = new VendorObject(l.createTrader(flow), l.trader.api);
      trader = td;
      const tdSpi = new SpiObject(l.trader.spi, slots('td', TRADER_SLOTS, l.traderStructs), logError);
      spis.push(tdSpi as SpiObject<string>);
      td.call('RegisterSpi', protos.ptrArg, tdSpi.ptr);
      // 2 = TORA_TERT_QUICK: no replay of the private flow; the gateway queries orders and trades after login.
      td.call('SubscribePrivateTopic', protos.intArg, 2);
      td.call('SubscribePublicTopic', protos.intArg, 2);
      td.call('RegisterFront', protos.strArg, stableString(req.tdFront));

      ctx.step('CTORATstpXMdApi::CreateTstpXMdApi');
      const m = new VendorObject(l.createMd(), l.md.api);
      md = m;
      const mSpi = new SpiObject(l.md.spi, slots('md', MD_SLOTS, l.mdStructs), logError);
      spis.push(mSpi as SpiObject<string>);
      m.call('RegisterSpi', protos.ptrArg, mSpi.ptr);
      m.call('RegisterFront', protos.strArg, stableString(req.mdFront));

      ctx.step('CTORATstpTraderApi::Init');
      td.call('Init', protos.voidSelf);
      ctx.step('CTORATstpXMdApi::Init');
      // Init(const char *cpuCores): empty = no thread pinning.
      m.call('Init', protos.strArg, stableString(''));
      return {
        version: l.version,
        versionText: l.versionText,
        mdVersion: l.mdVersion,
        mdVersionText: l.mdVersionText,
      };
    },
    req(r) {
      if (!trader || !loaded) throw new Error('the TORA session is not open');
      const buf = loaded.traderStructs[r.struct].write(r.fields, 1024);
      ctx.step(`CTORATstpTraderApi::${r.method}`);
      return Number(trader.call(r.method, protos.req, buf, r.requestId));
    },
    mdLogin(r) {
      if (!md || !loaded) throw new Error('the TORA session is not open');
      const buf = loaded.mdStructs.ReqUserLogin.write(r.fields, 1024);
      ctx.step('CTORATstpXMdApi::ReqUserLogin');
      return Number(md.call('ReqUserLogin', protos.req, buf, r.requestId));
    },
    subscribe(r) {
      if (!md) throw new Error('the TORA session is not open');
      ctx.step('CTORATstpXMdApi::SubscribeMarketData');
      return Number(
        md.call('SubscribeMarketData', subscribeProto, r.symbols, r.symbols.length, r.exchange.charCodeAt(0)),
      );
    },
    async release() {
      // Release joins the vendor threads: never synchronously (a queued callback would deadlock it).
      if (md) {
        ctx.step('CTORATstpXMdApi::Release');
        await md.callAsync('Release', protos.voidSelf);
      }
      if (trader) {
        ctx.step('CTORATstpTraderApi::Release');
        await trader.callAsync('Release', protos.voidSelf);
      }
      md = undefined;
      trader = undefined;
      return null;
    },
  };
};
