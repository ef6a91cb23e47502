// The hosted session (inside the native host process) of an Ftdc SDK — CTP, CTP Mini and FEMAS: loads and
// checks the libraries, creates both APIs, registers SPI objects made of the Ftdc slots (ftdc.ts), starts
// them and runs the Req* calls the console asks for. What differs between the SDKs is data here: class
// names, the topic subscriptions, how Init and the market data subscription are declared.
import fs from 'node:fs';
import type { HostContext, HostedStart } from './host/context.js';
import { ftdcSlots, type FtdcEvent, type FtdcSlotTable } from './ftdc.js';
import { stableString } from './library.js';
import type { NativeRecord, StructSet } from './structs.js';
import { protos, SpiObject, VendorObject, type ClassTable } from './vtable.js';

/** What the console sends to open a session (an SDK may add fields, such as CTP's family). */
export interface FtdcOpenRequest {
  traderLibrary: string;
  mdLibrary: string;
  flowDir: string;
  tdFront: string;
  mdFront: string;
}

export interface FtdcOpenResult {
  version: string;
  versionText: string;
  mdVersion: string;
  mdVersionText: string;
}

export interface FtdcReqCall<M extends string, S extends string> {
  api: 'td' | 'md';
  method: M;
  struct: S;
  fields: NativeRecord;
  requestId: number;
}

/** The operations of a hosted Ftdc session. */
export type FtdcOps<Req extends FtdcOpenRequest, M extends string, S extends string> = {
  open: { arg: Req; result: FtdcOpenResult };
  req: { arg: FtdcReqCall<M, S>; result: number };
  subscribe: { arg: string[]; result: number };
  release: { arg: null; result: null };
};

/** Both libraries loaded and checked against their tables. */
export interface FtdcLoaded<
  TM extends string,
  TC extends string,
  MM extends string,
  MC extends string,
  S extends string,
> extends FtdcOpenResult {
  traderApi: ClassTable<TM, TM>;
  traderSpi: ClassTable<TC, TC>;
  mdApi: ClassTable<MM, MM>;
  mdSpi: ClassTable<MC, MC>;
  structs: StructSet<S>;
  mdStructs: StructSet<S>;
  createTrader(flowPath: string): bigint;
  createMd(flowPath: string): bigint;
}

type Api = VendorObject<string>;

export interface FtdcHostedSpec<
  Req extends FtdcOpenRequest,
  TM extends string,
  TC extends string,
  MM extends string,
  MC extends string,
  S extends string,
> {
  /** How messages name the SDK. */
  sdk: string;
  /** Class names, for the steps named in the log ("CThostFtdcTraderApi", "CUstpFtdcMduserApi"). */
  traderClass: string;
  mdClass: string;
  /** The md factory's name ("CreateFtdcMdApi", "CreateFtdcMduserApi"). */
  mdFactory: string;
  /** The md API's subscription call. */
  subscribeMethod: MM;
  load(req: Req): FtdcLoaded<TM, TC, MM, MC, S>;
  traderSlots: FtdcSlotTable<TC, S>;
  mdSlots: FtdcSlotTable<MC, S>;
  /** Topic subscriptions, after RegisterSpi. */
  subscribeTopics(api: 'td' | 'md', o: Api): void;
  /** Calls Init on one API (CTP's takes nothing, Mini's a bool). */
  init(o: Api, req: Req): void;
}

export function ftdcHosted<
  Req extends FtdcOpenRequest,
  TM extends string,
  TC extends string,
  MM extends string,
  MC extends string,
  S extends string,
>(
  spec: FtdcHostedSpec<Req, TM, TC, MM, MC, S>,
): HostedStart<FtdcOps<Req, TM | MM, S>, FtdcEvent<'td' | 'md', TC | MC>, null> {
  const { sdk } = spec;
  return (ctx: HostContext<FtdcEvent<'td' | 'md', TC | MC>>) => {
    let loaded: FtdcLoaded<TM, TC, MM, MC, S> | undefined;
    let trader: Api | undefined;
    let md: Api | undefined;
    // SPI objects, their callbacks and the front strings stay allocated and registered for the life of this
    // process: nothing the vendor was ever given is freed under its threads.
    const spis: SpiObject<string>[] = [];

    const logError = (e: unknown) =>
      ctx.log('error', `error in a ${sdk} callback: ${(e as Error)?.stack ?? String(e)}`);

    function open(req: Req): FtdcOpenResult {
      if (loaded) throw new Error(`the ${sdk} session is already open`);
      ctx.step(`loading the ${sdk} libraries`);
      const l = spec.load(req);
      loaded = l;
      fs.mkdirSync(req.flowDir, { recursive: true });
      const flow = req.flowDir.endsWith('/') ? req.flowDir : req.flowDir + '/';

      ctx.step(`${spec.traderClass}::CreateFtdcTraderApi`);
      const td = new VendorObject<string>(l.createTrader(flow + 'td_'), l.traderApi);
      trader = td;
      const tdSpi = new SpiObject(l.traderSpi, ftdcSlots(ctx, 'td', spec.traderSlots, l.structs), logError);
      spis.push(tdSpi as SpiObject<string>);
      td.call('RegisterSpi', protos.ptrArg, tdSpi.ptr);
      spec.subscribeTopics('td', td);
      td.call('RegisterFront', protos.strArg, stableString(req.tdFront));

      ctx.step(`${spec.mdClass}::${spec.mdFactory}`);
      const m = new VendorObject<string>(l.createMd(flow + 'md_'), l.mdApi);
      md = m;
      const mSpi = new SpiObject(l.mdSpi, ftdcSlots(ctx, 'md', spec.mdSlots, l.mdStructs), logError);
      spis.push(mSpi as SpiObject<string>);
      m.call('RegisterSpi', protos.ptrArg, mSpi.ptr);
      spec.subscribeTopics('md', m);
      m.call('RegisterFront', protos.strArg, stableString(req.mdFront));

      ctx.step(`${spec.traderClass}::Init`);
      spec.init(td, req);
      ctx.step(`${spec.mdClass}::Init`);
      spec.init(m, req);
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
        if (!target || !loaded) throw new Error(`the ${sdk} session is not open`);
        const s = r.api === 'td' ? loaded.structs : loaded.mdStructs;
        const buf = s[r.struct].write(r.fields, 1024);
        ctx.step(`${r.api === 'td' ? spec.traderClass : spec.mdClass}::${r.method}`);
        return Number(target.call(r.method, protos.req, buf, r.requestId));
      },
      subscribe(symbols) {
        if (!md) throw new Error(`the ${sdk} session is not open`);
        ctx.step(`${spec.mdClass}::${spec.subscribeMethod}`);
        return Number(md.call(spec.subscribeMethod, protos.strList, symbols, symbols.length));
      },
      async release() {
        // Release joins the vendor threads: never synchronously (a queued callback would deadlock it).
        if (md) {
          ctx.step(`${spec.mdClass}::Release`);
          await md.callAsync('Release', protos.voidSelf);
        }
        if (trader) {
          ctx.step(`${spec.traderClass}::Release`);
          await trader.callAsync('Release', protos.voidSelf);
        }
        md = undefined;
        trader = undefined;
        return null;
      },
    };
  };
}
