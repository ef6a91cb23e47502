// The FEMAS session inside the native host process: the toolkit's Ftdc hosted session
// (bindings/native/ftdc-hosted.ts) with FEMAS's classes, slots and topic subscriptions.
import { ftdcHosted } from '../native/ftdc-hosted.js';
import type { FtdcSlotTable } from '../native/ftdc.js';
import { protos } from '../native/vtable.js';
import { loadFemas } from './library.js';
import type { FemasOpenRequest } from './protocol.js';
import type { FemasStructName } from './structs.js';
import type { FemasMdCallback, FemasMdMethod, FemasTraderCallback, FemasTraderMethod } from './versions.js';

/** The callbacks vnt handles, with the struct each one's data points at (the seeded fuzz test drives each). */
export const TRADER_SLOTS: FtdcSlotTable<FemasTraderCallback, FemasStructName> = {
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
  OnRspQryInvestorFee: ['rsp', 'InvestorFee'],
  OnRspQryInvestorMargin: ['rsp', 'InvestorMargin'],
  // The certification answer's data (a certificate stream) is not read; its RspInfo is.
  OnRspDSUserCertification: ['rsp', null],
};

export const MD_SLOTS: FtdcSlotTable<FemasMdCallback, FemasStructName> = {
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

export const start = ftdcHosted<
  FemasOpenRequest,
  FemasTraderMethod,
  FemasTraderCallback,
  FemasMdMethod,
  FemasMdCallback,
  FemasStructName
>({
  sdk: 'FEMAS',
  traderClass: 'CUstpFtdcTraderApi',
  mdClass: 'CUstpFtdcMduserApi',
  mdFactory: 'CreateFtdcMduserApi',
  subscribeMethod: 'SubMarketData',
  load(req) {
    const l = loadFemas(req.traderLibrary, req.mdLibrary);
    const { traderApi, traderSpi, mdApi, mdSpi } = l.abi;
    return { ...l, traderApi, traderSpi, mdApi, mdSpi, mdStructs: l.structs };
  },
  traderSlots: TRADER_SLOTS,
  mdSlots: MD_SLOTS,
  subscribeTopics(api, o) {
    if (api === 'md') {
      o.call('SubscribeMarketDataTopic', protos.intInt, MD_TOPIC, USTP_TERT_QUICK);
      return;
    }
    // No replay of the flows: the gateway queries orders and trades after every login.
    o.call('SubscribePrivateTopic', protos.intArg, USTP_TERT_QUICK);
    o.call('SubscribePublicTopic', protos.intArg, USTP_TERT_QUICK);
    o.call('SubscribeUserTopic', protos.intArg, USTP_TERT_QUICK);
  },
  init(o) {
    o.call('Init', protos.voidSelf);
  },
});
