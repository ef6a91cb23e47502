// The CTP session inside the native host process (bindings/native/host): loads and checks the libraries,
// creates both APIs, registers SPI objects made of koffi callbacks and runs the Req* calls the gateway asks
// for. Callbacks copy their struct and return at once (each one holds a vendor thread until it has run);
// decoding happens when the host flushes its batch to the console.
import fs from 'node:fs';
import type { HostContext, HostedStart } from '../native/host/context.js';
import { stableString } from '../native/library.js';
import { copyStruct, protos, SpiObject, VendorObject, type SpiSlot } from '../native/vtable.js';
import { FAMILIES } from './family.js';
import { loadCtp, type LoadedCtp } from './library.js';
import type { ApiKind, CtpOps, OpenRequest, OpenResult, RspInfo, SpiEvent } from './protocol.js';
import type { StructName, StructSet } from './structs.js';
import type { MdCallback, MdMethod, TraderCallback, TraderMethod } from './versions.js';

type Shape = 'connected' | 'disconnected' | 'rsp' | 'rspError' | 'rtn' | 'errRtn';
const shapeProto = {
  connected: protos.voidSelf,
  disconnected: protos.intArg,
  rsp: protos.rsp,
  rspError: protos.rspError,
  rtn: protos.ptrArg,
  errRtn: protos.ptrPtr,
} as const;

const TRADER_SLOTS: Record<TraderCallback, [Shape, StructName | null]> = {
  OnFrontConnected: ['connected', null],
  OnFrontDisconnected: ['disconnected', null],
  OnRspAuthenticate: ['rsp', null],
  OnRspUserLogin: ['rsp', 'RspUserLogin'],
  OnRspOrderInsert: ['rsp', 'InputOrder'],
  OnRspOrderAction: ['rsp', 'InputOrderAction'],
  OnRspSettlementInfoConfirm: ['rsp', 'SettlementInfoConfirm'],
  OnRspQryOrder: ['rsp', 'Order'],
  OnRspQryTrade: ['rsp', 'Trade'],
  OnRspQryInvestorPosition: ['rsp', 'InvestorPosition'],
  OnRspQryTradingAccount: ['rsp', 'TradingAccount'],
  OnRspQryInstrument: ['rsp', 'Instrument'],
  OnRspError: ['rspError', null],
  OnRtnOrder: ['rtn', 'Order'],
  OnRtnTrade: ['rtn', 'Trade'],
  OnErrRtnOrderInsert: ['errRtn', 'InputOrder'],
  OnErrRtnOrderAction: ['errRtn', null],
};

const MD_SLOTS: Record<MdCallback, [Shape, StructName | null]> = {
  OnFrontConnected: ['connected', null],
  OnFrontDisconnected: ['disconnected', null],
  OnRspUserLogin: ['rsp', 'RspUserLogin'],
  OnRspError: ['rspError', null],
  OnRspSubMarketData: ['rsp', 'SpecificInstrument'],
  OnRtnDepthMarketData: ['rtn', 'DepthMarketData'],
};

export const start: HostedStart<CtpOps, SpiEvent, null> = (ctx: HostContext<SpiEvent>) => {
  let loaded: LoadedCtp | undefined;
  let trader: VendorObject<TraderMethod> | undefined;
  let md: VendorObject<MdMethod> | undefined;
  // SPI objects, their callbacks and the front strings stay allocated and registered for the life of this
  // process: nothing the vendor was ever given is freed under its threads.
  const spis: SpiObject<string>[] = [];

  /** One SPI slot: copies the vendor's structs during the callback, decodes them when the batch is sent. */
  function slot(
    api: ApiKind,
    name: TraderCallback | MdCallback,
    shape: Shape,
    struct: StructName | null,
    s: StructSet,
  ): SpiSlot {
    const size = struct ? s[struct].size : 0;
    const infoSize = s.RspInfo.size;
    const emit = (data: Buffer | null, info: Buffer | null, requestId = 0, isLast = true, reason = 0) =>
      ctx.emit(() => ({
        api,
        name,
        data: data && struct ? s[struct].read(data) : null,
        info: info ? (s.RspInfo.read(info) as unknown as RspInfo) : null,
        requestId,
        isLast,
        reason,
      }));
    const handlers: Record<Shape, (...a: unknown[]) => void> = {
      connected: () => emit(null, null),
      disconnected: (_self, reason) => emit(null, null, 0, true, Number(reason)),
      rsp: (_self, data, info, requestId, isLast) =>
        emit(
          struct ? copyStruct(data, size) : null,
          copyStruct(info, infoSize),
          Number(requestId),
          Boolean(isLast),
        ),
      rspError: (_self, info, requestId, isLast) =>
        emit(null, copyStruct(info, infoSize), Number(requestId), Boolean(isLast)),
      rtn: (_self, data) => emit(copyStruct(data, size), null),
      errRtn: (_self, data, info) => emit(struct ? copyStruct(data, size) : null, copyStruct(info, infoSize)),
    };
    return { proto: shapeProto[shape], handler: handlers[shape] };
  }

  function slots<C extends TraderCallback | MdCallback>(
    api: ApiKind,
    table: Record<C, [Shape, StructName | null]>,
    s: StructSet,
  ): Record<C, SpiSlot> {
    const out = {} as Record<C, SpiSlot>;
    for (const name of Object.keys(table) as C[])
      out[name] = slot(api, name, table[name][0], table[name][1], s);
    return out;
  }

  const logError = (e: unknown) =>
    ctx.log('error', `error in a CTP callback: ${(e as Error)?.stack ?? String(e)}`);

  function open(req: OpenRequest): OpenResult {
    if (loaded) throw new Error('the CTP session is already open');
    ctx.step('loading the CTP libraries');
    const l = loadCtp(req.traderLibrary, req.mdLibrary, req.family);
    const initTakesBool = FAMILIES[req.family ?? 'ctp'].initTakesBool;
    loaded = l;
    fs.mkdirSync(req.flowDir, { recursive: true });
    const flow = req.flowDir.endsWith('/') ? req.flowDir : req.flowDir + '/';
    ctx.step('CThostFtdcTraderApi::CreateFtdcTraderApi');
    const td = new VendorObject<TraderMethod>(l.createTrader(flow + 'td_'), l.abi.traderApi);
    trader = td;
    const tdSpi = new SpiObject(l.abi.traderSpi, slots('td', TRADER_SLOTS, l.structs), logError);
    spis.push(tdSpi as SpiObject<string>);
    td.call('RegisterSpi', protos.ptrArg, tdSpi.ptr);
    // 2 = THOST_TERT_QUICK: no replay of the private flow; the gateway queries orders and trades after login.
    td.call('SubscribePrivateTopic', protos.intArg, 2);
    td.call('SubscribePublicTopic', protos.intArg, 2);
    td.call('RegisterFront', protos.strArg, stableString(req.tdFront));

    ctx.step('CThostFtdcMdApi::CreateFtdcMdApi');
    const m = new VendorObject<MdMethod>(l.createMd(flow + 'md_'), l.md.api);
    md = m;
    const mSpi = new SpiObject(l.md.spi, slots('md', MD_SLOTS, l.mdStructs), logError);
    spis.push(mSpi as SpiObject<string>);
    m.call('RegisterSpi', protos.ptrArg, mSpi.ptr);
    m.call('RegisterFront', protos.strArg, stableString(req.mdFront));

    ctx.step('CThostFtdcTraderApi::Init');
    // bContinuous = false, as VN Trader's Mini gateway: no resumption of a previous session's flow.
    const init = (o: VendorObject<TraderMethod> | VendorObject<MdMethod>) =>
      initTakesBool
        ? (o as VendorObject<'Init'>).call('Init', protos.boolArg, false)
        : (o as VendorObject<'Init'>).call('Init', protos.voidSelf);
    init(td);
    ctx.step('CThostFtdcMdApi::Init');
    init(m);
    return {
      version: l.version,
      versionText: l.versionText,
      mdVersion: l.mdVersion,
      mdVersionText: l.mdVersionText,
    };
  }

  return {
    open,
    req(r) {
      const target = r.api === 'td' ? trader : md;
      if (!target || !loaded) throw new Error('the CTP session is not open');
      const s = r.api === 'td' ? loaded.structs : loaded.mdStructs;
      const buf = s[r.struct].write(r.fields, 1024);
      ctx.step(`${r.api === 'td' ? 'CThostFtdcTraderApi' : 'CThostFtdcMdApi'}::${r.method}`);
      return Number((target as VendorObject<string>).call(r.method, protos.req, buf, r.requestId));
    },
    subscribe(symbols) {
      if (!md) throw new Error('the CTP session is not open');
      ctx.step('CThostFtdcMdApi::SubscribeMarketData');
      return Number(md.call('SubscribeMarketData', protos.strList, symbols, symbols.length));
    },
    async release() {
      // Release joins the vendor threads: never synchronously (a queued callback would deadlock it).
      if (md) {
        ctx.step('CThostFtdcMdApi::Release');
        await md.callAsync('Release', protos.voidSelf);
      }
      if (trader) {
        ctx.step('CThostFtdcTraderApi::Release');
        await trader.callAsync('Release', protos.voidSelf);
      }
      md = undefined;
      trader = undefined;
      return null;
    },
  };
};
