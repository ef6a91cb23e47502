// The CTP session inside the native host process (bindings/native/host): loads and checks the libraries,
// creates both APIs, registers SPI objects made of koffi callbacks and runs the Req* calls the gateway asks
// for. Callbacks are the toolkit's Ftdc slots (bindings/native/ftdc.ts): copy and return, decode later.
import fs from 'node:fs';
import type { HostContext, HostedStart } from '../native/host/context.js';
import { stableString } from '../native/library.js';
import { ftdcSlots, type FtdcSlotTable } from '../native/ftdc.js';
import { protos, SpiObject, VendorObject } from '../native/vtable.js';
import { FAMILIES } from './family.js';
import { loadCtp, type LoadedCtp } from './library.js';
import type { CtpOps, OpenRequest, OpenResult, SpiEvent } from './protocol.js';
import type { StructName } from './structs.js';
import type { MdCallback, MdMethod, TraderCallback, TraderMethod } from './versions.js';

const TRADER_SLOTS: FtdcSlotTable<TraderCallback, StructName> = {
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

const MD_SLOTS: FtdcSlotTable<MdCallback, StructName> = {
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
    const tdSpi = new SpiObject(l.abi.traderSpi, ftdcSlots(ctx, 'td', TRADER_SLOTS, l.structs), logError);
    spis.push(tdSpi as SpiObject<string>);
    td.call('RegisterSpi', protos.ptrArg, tdSpi.ptr);
    // 2 = THOST_TERT_QUICK: no replay of the private flow; the gateway queries orders and trades after login.
    td.call('SubscribePrivateTopic', protos.intArg, 2);
    td.call('SubscribePublicTopic', protos.intArg, 2);
    td.call('RegisterFront', protos.strArg, stableString(req.tdFront));

    ctx.step('CThostFtdcMdApi::CreateFtdcMdApi');
    const m = new VendorObject<MdMethod>(l.createMd(flow + 'md_'), l.md.api);
    md = m;
    const mSpi = new SpiObject(l.md.spi, ftdcSlots(ctx, 'md', MD_SLOTS, l.mdStructs), logError);
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
