// The CTP (and CTP Mini) session inside the native host process: the toolkit's Ftdc hosted session
// (bindings/native/ftdc-hosted.ts) with CTP's classes, slots and Init; the family in the open request picks
// the version tables.
import { ftdcHosted } from '../native/ftdc-hosted.js';
import type { FtdcSlotTable } from '../native/ftdc.js';
import { protos, type VendorObject } from '../native/vtable.js';
import { FAMILIES } from './family.js';
import { loadCtp } from './library.js';
import type { OpenRequest } from './protocol.js';
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
  OnRspQryInstrumentMarginRate: ['rsp', 'InstrumentMarginRate'],
  OnRspQryInstrumentCommissionRate: ['rsp', 'InstrumentCommissionRate'],
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

/** THOST_TERT_QUICK: no replay of the private flow; the gateway queries orders and trades after login. */
const THOST_TERT_QUICK = 2;

export const start = ftdcHosted<OpenRequest, TraderMethod, TraderCallback, MdMethod, MdCallback, StructName>({
  sdk: 'CTP',
  traderClass: 'CThostFtdcTraderApi',
  mdClass: 'CThostFtdcMdApi',
  mdFactory: 'CreateFtdcMdApi',
  subscribeMethod: 'SubscribeMarketData',
  load(req) {
    const l = loadCtp(req.traderLibrary, req.mdLibrary, req.family);
    return { ...l, traderApi: l.abi.traderApi, traderSpi: l.abi.traderSpi, mdApi: l.md.api, mdSpi: l.md.spi };
  },
  traderSlots: TRADER_SLOTS,
  mdSlots: MD_SLOTS,
  subscribeTopics(api, o: VendorObject<string>) {
    if (api !== 'td') return;
    o.call('SubscribePrivateTopic', protos.intArg, THOST_TERT_QUICK);
    o.call('SubscribePublicTopic', protos.intArg, THOST_TERT_QUICK);
  },
  init(o, req) {
    // bContinuous = false, as VN Trader's Mini gateway: no resumption of a previous session's flow.
    if (FAMILIES[req.family ?? 'ctp'].initTakesBool) o.call('Init', protos.boolArg, false);
    else o.call('Init', protos.voidSelf);
  },
});
