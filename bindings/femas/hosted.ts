// The FEMAS session inside the native host process (bindings/native/host): loads and checks the libraries,
// creates both APIs, registers SPI objects made of the toolkit's Ftdc slots (bindings/native/ftdc.ts) and
// runs the Req* calls the gateway asks for.
import fs from 'node:fs';
import type { HostContext, HostedStart } from '../native/host/context.js';
import { ftdcSlots, type FtdcSlotTable } from '../native/ftdc.js';
import { stableString } from '../native/library.js';
import { protos, SpiObject, VendorObject } from '../native/vtable.js';
import { loadFemas, type LoadedFemas } from './library.js';
import type { FemasEvent, FemasOpenRequest, FemasOpenResult, FemasOps } from './protocol.js';
import type { FemasStructName } from './structs.js';
import type { FemasMdCallback, FemasMdMethod, FemasTraderCallback, FemasTraderMethod } from './versions.js';

const TRADER_SLOTS: FtdcSlotTable<FemasTraderCallback, FemasStructName> = {
  OnFrontConnected: ['connected', null],
  OnFrontDisconnected: ['disconnected', null],
  OnRspError: ['rspError', null],
  OnRspUserLogin: ['rsp', 'RspUserLogin'],
  OnRspOrderInsert: ['rsp', 'InputOrder'],
  OnRspOrderAction: ['rsp', 'OrderAction'],
  OnRtnTrade: ['rtn', 'Trade'],
  OnRtnOrder: ['rtn', 'Order'],
  OnErrRtnOrderInsert: ['errRtn', 'InputOrder'],
  OnErrRtnOrderAction: ['errRtn', 'OrderAction'],
  OnRspQryOrder: ['rsp', 'Order'],
  OnRspQryTrade: ['rsp', 'Trade'],
  OnRspQryUserInvestor: ['rsp', 'RspUserInvestor'],
  OnRspQryInvestorAccount: ['rsp', 'RspInvestorAccount'],
  OnRspQryInstrument: ['rsp', 'RspInstrument'],
  OnRspQryInvestorPosition: ['rsp', 'RspInvestorPosition'],
  // The certification answer's data (a certificate stream) is not read; its RspInfo is.
  OnRspDSUserCertification: ['rsp', null],
};

const MD_SLOTS: FtdcSlotTable<FemasMdCallback, FemasStructName> = {
  OnFrontConnected: ['connected', null],
  OnFrontDisconnected: ['disconnected', null],
  OnRspError: ['rspError', null],
  OnRspUserLogin: ['rsp', 'RspUserLogin'],
  OnRtnDepthMarketData: ['rtn', 'DepthMarketData'],
  OnRspSubMarketData: ['rsp', 'SpecificInstrument'],
};

/** USTP_TE_RESUME_TYPE: 0 restart, 1 resume, 2 quick. */
const USTP_TERT_QUICK = 2;
/** The market data topic VN Trader subscribes (SubscribeMarketDataTopic(100, QUICK)). */
const MD_TOPIC = 100;

export const start: HostedStart<FemasOps, FemasEvent, null> = (ctx: HostContext<FemasEvent>) => {
  let loaded: LoadedFemas | undefined;
  let trader: VendorObject<FemasTraderMethod> | undefined;
  let md: VendorObject<FemasMdMethod> | undefined;
  // Nothing the vendor was ever given is freed under its threads: SPI objects live as long as the process.
  const spis: SpiObject<string>[] = [];
  const logError = (e: unknown) =>
    ctx.log('error', `error in a FEMAS callback: ${(e as Error)?.stack ?? String(e)}`);

  function open(req: FemasOpenRequest): FemasOpenResult {
    if (loaded) throw new Error('the FEMAS session is already open');
    ctx.step('loading the FEMAS libraries');
    const l = loadFemas(req.traderLibrary, req.mdLibrary);
    loaded = l;
    fs.mkdirSync(req.flowDir, { recursive: true });
    const flow = req.flowDir.endsWith('/') ? req.flowDir : req.flowDir + '/';

    ctx.step('CUstpFtdcTraderApi::CreateFtdcTraderApi');
    const td = new VendorObject<FemasTraderMethod>(l.createTrader(flow + 'td_'), l.abi.traderApi);
    trader = td;
    const tdSpi = new SpiObject(l.abi.traderSpi, ftdcSlots(ctx, 'td', TRADER_SLOTS, l.structs), logError);
    spis.push(tdSpi as SpiObject<string>);
    td.call('RegisterSpi', protos.ptrArg, tdSpi.ptr);
    // No replay of the flows: the gateway queries orders and trades after every login.
    td.call('SubscribePrivateTopic', protos.intArg, USTP_TERT_QUICK);
    td.call('SubscribePublicTopic', protos.intArg, USTP_TERT_QUICK);
    td.call('SubscribeUserTopic', protos.intArg, USTP_TERT_QUICK);
    td.call('RegisterFront', protos.strArg, stableString(req.tdFront));

    ctx.step('CUstpFtdcMduserApi::CreateFtdcMduserApi');
    const m = new VendorObject<FemasMdMethod>(l.createMd(flow + 'md_'), l.abi.mdApi);
    md = m;
    const mSpi = new SpiObject(l.abi.mdSpi, ftdcSlots(ctx, 'md', MD_SLOTS, l.structs), logError);
    spis.push(mSpi as SpiObject<string>);
    m.call('RegisterSpi', protos.ptrArg, mSpi.ptr);
    m.call('SubscribeMarketDataTopic', protos.intInt, MD_TOPIC, USTP_TERT_QUICK);
    m.call('RegisterFront', protos.strArg, stableString(req.mdFront));

    ctx.step('CUstpFtdcTraderApi::Init');
    td.call('Init', protos.voidSelf);
    ctx.step('CUstpFtdcMduserApi::Init');
    m.call('Init', protos.voidSelf);
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
      if (!target || !loaded) throw new Error('the FEMAS session is not open');
      const buf = loaded.structs[r.struct].write(r.fields, 1024);
      ctx.step(`${r.api === 'td' ? 'CUstpFtdcTraderApi' : 'CUstpFtdcMduserApi'}::${r.method}`);
      return Number((target as VendorObject<string>).call(r.method, protos.req, buf, r.requestId));
    },
    subscribe(symbols) {
      if (!md) throw new Error('the FEMAS session is not open');
      ctx.step('CUstpFtdcMduserApi::SubMarketData');
      return Number(md.call('SubMarketData', protos.strList, symbols, symbols.length));
    },
    async release() {
      // Release joins the vendor threads: never synchronously (a queued callback would deadlock it).
      if (md) {
        ctx.step('CUstpFtdcMduserApi::Release');
        await md.callAsync('Release', protos.voidSelf);
      }
      if (trader) {
        ctx.step('CUstpFtdcTraderApi::Release');
        await trader.callAsync('Release', protos.voidSelf);
      }
      md = undefined;
      trader = undefined;
      return null;
    },
  };
};
