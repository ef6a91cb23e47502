// The hosted session (inside the native host process) of an Ftdc SDK — CTP, CTP Mini and FEMAS: loads and
// checks the libraries, creates both APIs, registers SPI objects made of the Ftdc slots (ftdc.ts), starts
// them and runs the Req* calls the console asks for. What differs between the SDKs is data here: class
// names, the topic subscriptions, how Init and the market data subscription are declared.
import fs from 'node:fs';
import type { HostContext, HostedStart } from './host/context.js';
import { ftdcSlots, type FtdcEvent, type FtdcSlotTable } from './ftdc.js';
import { stableString } from './library.js';
import type { NativeRecord, StructSet } from './structs.js';
import { protos, SpiObject, VendorObject, type ClassTable, type SpiSlot } from './vtable.js';

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

/** What differs between the trader and the md side when an API is created. */
interface SideSetup<C extends string> {
  step: string;
  create(flowPath: string): bigint;
  api: ClassTable<string, string>;
  spi: ClassTable<C, C>;
  slots: Record<C, SpiSlot>;
}

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

    /** Creates one side's API and registers its SPI, topics and front (both sides take the same steps). */
    function makeApi<C extends string>(side: 'td' | 'md', flow: string, front: string, o: SideSetup<C>): Api {
      ctx.step(o.step);
      const api = new VendorObject<string>(o.create(flow + side + '_'), o.api);
      const spi = new SpiObject(o.spi, o.slots, logError);
      spis.push(spi as SpiObject<string>);
      api.call('RegisterSpi', protos.ptrArg, spi.ptr);
      spec.subscribeTopics(side, api);
      api.call('RegisterFront', protos.strArg, stableString(front));
      return api;
    }

    function open(req: Req): FtdcOpenResult {
      if (loaded) throw new Error(`the ${sdk} session is already open`);
      ctx.step(`loading the ${sdk} libraries`);
      const l = spec.load(req);
      loaded = l;
      fs.mkdirSync(req.flowDir, { recursive: true });
      const flow = req.flowDir.endsWith('/') ? req.flowDir : req.flowDir + '/';

      const td = makeApi('td', flow, req.tdFront, {
        step: `${spec.traderClass}::CreateFtdcTraderApi`,
        create: l.createTrader,
        api: l.traderApi,
        spi: l.traderSpi,
        slots: ftdcSlots(ctx, 'td', spec.traderSlots, l.structs),
      });
      trader = td;
      const m = makeApi('md', flow, req.mdFront, {
        step: `${spec.mdClass}::${spec.mdFactory}`,
        create: l.createMd,
        api: l.mdApi,
        spi: l.mdSpi,
        slots: ftdcSlots(ctx, 'md', spec.mdSlots, l.mdStructs),
      });
      md = m;

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
