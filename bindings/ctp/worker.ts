// The CTP session host: runs in a worker thread so that vendor callbacks (each holds its vendor thread until
// JS has run it) and any stall stay off the console's event loop. Callbacks copy their struct and return;
// decoding and the post to the main thread happen afterwards, batched.
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import koffi from 'koffi';
import { loadCtp, type LoadedCtp } from './library.js';
import type {
  ApiKind,
  FromWorker,
  OpenRequest,
  OpenResult,
  RspInfo,
  SpiEvent,
  ToWorker,
} from './protocol.js';
import type { StructName } from './structs.js';
import type { MdCallback, MdMethod, TraderCallback, TraderMethod } from './versions.js';
import { copyStruct, protos, SpiObject, VendorObject, type SpiSlot } from './vtable.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');

let loaded: LoadedCtp | undefined;
let trader: VendorObject<TraderMethod> | undefined;
let md: VendorObject<MdMethod> | undefined;
const spis: SpiObject<string>[] = [];
// Stable native memory for strings the vendor may keep (front addresses).
const kept: unknown[] = [];

interface Pending {
  api: ApiKind;
  name: TraderCallback | MdCallback;
  struct: StructName | null;
  data: Buffer | null;
  info: Buffer | null;
  requestId: number;
  isLast: boolean;
  reason: number;
}
const MAX_BATCH = 128;
const MAX_OUTSTANDING = 2;
let outstanding = 0;
let ready: SpiEvent[] = [];
let readyHead = 0;
let pending: Pending[] = [];
let flushScheduled = false;

function post(msg: FromWorker): void {
  port!.postMessage(msg);
}

function flush(): void {
  flushScheduled = false;
  const batch = pending;
  pending = [];
  const s = loaded!.structs;
  const events: SpiEvent[] = batch.map((p) => ({
    api: p.api,
    name: p.name,
    data: p.data && p.struct ? s[p.struct].read(p.data) : null,
    info: p.info ? (s.RspInfo.read(p.info) as unknown as RspInfo) : null,
    requestId: p.requestId,
    isLast: p.isLast,
    reason: p.reason,
  }));
  for (const e of events) ready.push(e);
  sendReady();
}

// Bounded messages, few in flight: the main thread handles each as its own task and acknowledges it, so the
// console's event loop runs between batches even when the feed outpaces it (ticks wait here, none dropped).
function sendReady(): void {
  while (outstanding < MAX_OUTSTANDING && readyHead < ready.length) {
    outstanding++;
    post({ type: 'events', events: ready.slice(readyHead, readyHead + MAX_BATCH) });
    readyHead += MAX_BATCH;
  }
  if (readyHead >= ready.length) {
    ready = [];
    readyHead = 0;
  } else if (readyHead > 65_536) {
    ready = ready.slice(readyHead);
    readyHead = 0;
  }
}

function enqueue(p: Pending): void {
  pending.push(p);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

type Shape = 'connected' | 'disconnected' | 'rsp' | 'rspError' | 'rtn' | 'errRtn';
const shapeProto = {
  connected: protos.voidSelf,
  disconnected: protos.intArg,
  rsp: protos.rsp,
  rspError: protos.rspError,
  rtn: protos.ptrArg,
  errRtn: protos.ptrPtr,
} as const;

function slot(
  api: ApiKind,
  name: TraderCallback | MdCallback,
  shape: Shape,
  struct: StructName | null,
): SpiSlot {
  const s = loaded!.structs;
  const size = struct ? s[struct].size : 0;
  const infoSize = s.RspInfo.size;
  const base = { api, name, struct, data: null, info: null, requestId: 0, isLast: true, reason: 0 };
  const handlers: Record<Shape, (...a: unknown[]) => void> = {
    connected: () => enqueue({ ...base }),
    disconnected: (_self, reason) => enqueue({ ...base, reason: Number(reason) }),
    rsp: (_self, data, info, requestId, isLast) =>
      enqueue({
        ...base,
        data: struct ? copyStruct(data, size) : null,
        info: copyStruct(info, infoSize),
        requestId: Number(requestId),
        isLast: Boolean(isLast),
      }),
    rspError: (_self, info, requestId, isLast) =>
      enqueue({
        ...base,
        info: copyStruct(info, infoSize),
        requestId: Number(requestId),
        isLast: Boolean(isLast),
      }),
    rtn: (_self, data) => enqueue({ ...base, data: copyStruct(data, size) }),
    errRtn: (_self, data, info) =>
      enqueue({ ...base, data: struct ? copyStruct(data, size) : null, info: copyStruct(info, infoSize) }),
  };
  return { proto: shapeProto[shape], handler: handlers[shape] };
}

function logError(e: unknown): void {
  post({ type: 'log', message: `error in a CTP callback: ${(e as Error)?.stack ?? String(e)}` });
}

function traderSpi(): Record<TraderCallback, SpiSlot> {
  const t = (n: TraderCallback, shape: Shape, st: StructName | null) => slot('td', n, shape, st);
  return {
    OnFrontConnected: t('OnFrontConnected', 'connected', null),
    OnFrontDisconnected: t('OnFrontDisconnected', 'disconnected', null),
    OnRspAuthenticate: t('OnRspAuthenticate', 'rsp', null),
    OnRspUserLogin: t('OnRspUserLogin', 'rsp', 'RspUserLogin'),
    OnRspOrderInsert: t('OnRspOrderInsert', 'rsp', 'InputOrder'),
    OnRspOrderAction: t('OnRspOrderAction', 'rsp', 'InputOrderAction'),
    OnRspSettlementInfoConfirm: t('OnRspSettlementInfoConfirm', 'rsp', 'SettlementInfoConfirm'),
    OnRspQryOrder: t('OnRspQryOrder', 'rsp', 'Order'),
    OnRspQryTrade: t('OnRspQryTrade', 'rsp', 'Trade'),
    OnRspQryInvestorPosition: t('OnRspQryInvestorPosition', 'rsp', 'InvestorPosition'),
    OnRspQryTradingAccount: t('OnRspQryTradingAccount', 'rsp', 'TradingAccount'),
    OnRspQryInstrument: t('OnRspQryInstrument', 'rsp', 'Instrument'),
    OnRspError: t('OnRspError', 'rspError', null),
    OnRtnOrder: t('OnRtnOrder', 'rtn', 'Order'),
    OnRtnTrade: t('OnRtnTrade', 'rtn', 'Trade'),
    OnErrRtnOrderInsert: t('OnErrRtnOrderInsert', 'errRtn', 'InputOrder'),
    OnErrRtnOrderAction: t('OnErrRtnOrderAction', 'errRtn', null),
  };
}

function mdSpi(): Record<MdCallback, SpiSlot> {
  const m = (n: MdCallback, shape: Shape, st: StructName | null) => slot('md', n, shape, st);
  return {
    OnFrontConnected: m('OnFrontConnected', 'connected', null),
    OnFrontDisconnected: m('OnFrontDisconnected', 'disconnected', null),
    OnRspUserLogin: m('OnRspUserLogin', 'rsp', 'RspUserLogin'),
    OnRspError: m('OnRspError', 'rspError', null),
    OnRspSubMarketData: m('OnRspSubMarketData', 'rsp', 'SpecificInstrument'),
    OnRtnDepthMarketData: m('OnRtnDepthMarketData', 'rtn', 'DepthMarketData'),
  };
}

function stableString(text: string): bigint {
  const bytes = Buffer.from(text + '\0', 'utf8');
  const mem = koffi.alloc('char', bytes.length) as bigint;
  koffi.encode(mem, 0, koffi.array('uint8_t', bytes.length), [...bytes]);
  kept.push(mem);
  return mem;
}

function open(req: OpenRequest): OpenResult {
  // A reused worker: whatever the previous session left in flight was never acknowledged.
  pending = [];
  ready = [];
  readyHead = 0;
  outstanding = 0;
  loaded = loadCtp(req.traderLibrary, req.mdLibrary);
  fs.mkdirSync(req.flowDir, { recursive: true });
  const abi = loaded.abi;
  const flow = req.flowDir.endsWith('/') ? req.flowDir : req.flowDir + '/';
  trader = new VendorObject(loaded.createTrader(flow + 'td_'), abi.traderApi);
  const tdSpi = new SpiObject(abi.traderSpi, traderSpi(), logError);
  spis.push(tdSpi as SpiObject<string>);
  trader.call('RegisterSpi', protos.ptrArg, tdSpi.ptr);
  // 2 = THOST_TERT_QUICK: no replay of the private flow; the gateway queries orders and trades after login.
  trader.call('SubscribePrivateTopic', protos.intArg, 2);
  trader.call('SubscribePublicTopic', protos.intArg, 2);
  trader.call('RegisterFront', protos.strArg, stableString(req.tdFront));

  md = new VendorObject(loaded.createMd(flow + 'md_'), loaded.md.api);
  const mSpi = new SpiObject(loaded.md.spi, mdSpi(), logError);
  spis.push(mSpi as SpiObject<string>);
  md.call('RegisterSpi', protos.ptrArg, mSpi.ptr);
  md.call('RegisterFront', protos.strArg, stableString(req.mdFront));

  trader.call('Init', protos.voidSelf);
  md.call('Init', protos.voidSelf);
  return { version: loaded.version, versionText: loaded.versionText };
}

async function close(): Promise<null> {
  // Release joins the vendor threads: never synchronously (a queued callback would deadlock it).
  if (md) await md.callAsync('Release', protos.voidSelf);
  if (trader) await trader.callAsync('Release', protos.voidSelf);
  md = undefined;
  trader = undefined;
  if (pending.length) flush();
  // The SPI objects, their callbacks and the front strings stay allocated and registered: nothing the
  // vendor was ever given is freed while the process lives.
  return null;
}

port.on('message', async (msg: ToWorker) => {
  if (msg.op === 'ack') {
    outstanding--;
    sendReady();
    return;
  }
  try {
    let value: number | OpenResult | null;
    switch (msg.op) {
      case 'open':
        value = open(msg);
        break;
      case 'req': {
        const target = msg.api === 'td' ? trader : md;
        if (!target || !loaded) throw new Error('the CTP session is not open');
        const buf = loaded.structs[msg.struct].write(msg.fields, 1024);
        value = Number((target as VendorObject<string>).call(msg.method, protos.req, buf, msg.requestId));
        break;
      }
      case 'subscribe': {
        if (!md) throw new Error('the CTP session is not open');
        value = Number(md.call('SubscribeMarketData', protos.strList, msg.symbols, msg.symbols.length));
        break;
      }
      case 'close':
        value = await close();
        break;
    }
    post({ type: 'reply', id: msg.id, ok: true, value });
  } catch (e) {
    post({ type: 'reply', id: msg.id, ok: false, message: (e as Error).message ?? String(e) });
  }
});
