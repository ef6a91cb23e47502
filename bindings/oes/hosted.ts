// The OES session inside the native host process (bindings/native/host): loads the library, logs in all
// three channels through OesApi_InitAll and runs the calls the gateway asks for. OES's sync API calls its
// callbacks on the caller's thread, during WaitReportMsg or a Query*: they copy the item and return, and
// decoding happens when the host flushes its batch (reports) or before the query returns (queries).
import koffi from 'koffi';
import type { HostContext, HostedStart } from '../native/host/context.js';
import { stableString } from '../native/library.js';
import {
  CHANNEL,
  CHANNEL_BYTES,
  CLIENT_ENV_BYTES,
  loadOes,
  MDS_CLIENT_ENV_BYTES,
  MDS_MD_PRODUCT_STOCK,
  MDS_SUB,
  MDSMSG,
  MsgHead,
  OnQryMsg,
  OnRptMsg,
} from './library.js';
import { REPORT_BODY, RPT_HEAD_BYTES, type OesLibrary } from './library.js';
import type { OesEvent, OesOps, OpenResult, QueryKind } from './protocol.js';
import { oesStructs, type OesRecord, type OesStructName } from './structs.js';

const QUERIES: Record<QueryKind, [keyof OesLibrary, OesStructName]> = {
  stock: ['QueryStock', 'StockItem'],
  cash: ['QueryCashAsset', 'CashAssetItem'],
  holding: ['QueryStkHolding', 'StkHoldingItem'],
  order: ['QueryOrder', 'OrdCnfm'],
  trade: ['QueryTrade', 'TrdCnfm'],
};

const copy = (ptr: unknown, size: number): Buffer =>
  Buffer.from(koffi.decode(ptr, koffi.array('uint8_t', size)) as number[]);

export const start: HostedStart<OesOps, OesEvent, null> = (ctx: HostContext<OesEvent>) => {
  let oes: OesLibrary | undefined;
  let loaded: OesLibrary | undefined;
  let mdOpen = false;
  // The client envs are given to the vendor for the life of this process: never freed.
  const env = koffi.alloc('uint8_t', CLIENT_ENV_BYTES) as bigint;
  const mdEnv = koffi.alloc('uint8_t', MDS_CLIENT_ENV_BYTES) as bigint;
  // tcpChannel is MdsApiClientEnvT's first member.
  const mdTcp = koffi.as(mdEnv, 'void *');
  const chan = (c: keyof typeof CHANNEL) => koffi.as(env + BigInt(CHANNEL[c] * CHANNEL_BYTES), 'void *');
  const need = (): OesLibrary => {
    if (!oes) throw new Error('the OES session is not open');
    return oes;
  };

  // A message shorter than its documented body is skipped, named once per kind: never read past its end.
  const warned = new Set<string>();
  const malformed = (kind: string, size: number, need: number): void => {
    if (warned.has(kind)) return;
    warned.add(kind);
    ctx.log('warning', `OES ${kind} of ${size} bytes skipped (${need} expected); further ones unlogged`);
  };

  const onReport = koffi.register((_c: unknown, head: unknown, item: unknown) => {
    const h = koffi.decode(head, MsgHead) as { msgId: number; msgSize: number };
    const st = REPORT_BODY[h.msgId];
    if (!st) return 0;
    const need = RPT_HEAD_BYTES + oesStructs[st].size;
    if (h.msgSize < need) {
      malformed(`report 0x${h.msgId.toString(16)}`, h.msgSize, need);
      return 0;
    }
    const raw = copy(item, need);
    const ordRejReason = raw.readInt32LE(12);
    // Read now, on the caller's thread, while the library is certainly loaded.
    const rejText = ordRejReason && loaded ? loaded.GetErrorMsg(ordRejReason) : '';
    ctx.emit(() => ({
      kind: 'report',
      msgId: h.msgId,
      rptSeqNum: raw.readBigInt64LE(0),
      ordRejReason,
      ...(rejText ? { rejText } : {}),
      body: oesStructs[st].read(raw.subarray(RPT_HEAD_BYTES)),
    }));
    return 0;
  }, koffi.pointer(OnRptMsg));

  /** The struct of each MDS message vnt reads; others (tick-by-tick orders, indices, status) are skipped. */
  const SNAPSHOT: Record<number, 'L1Snapshot' | 'L2Snapshot' | 'L2Trade'> = {
    [MDSMSG.MARKET_DATA_SNAPSHOT_FULL_REFRESH]: 'L1Snapshot',
    [MDSMSG.L2_MARKET_DATA_SNAPSHOT]: 'L2Snapshot',
    [MDSMSG.L2_TRADE]: 'L2Trade',
  };
  const onMd = koffi.register((_c: unknown, head: unknown, item: unknown) => {
    const h = koffi.decode(head, MsgHead) as { msgId: number; msgSize: number };
    const st = SNAPSHOT[h.msgId];
    if (!st) return 0;
    const need = oesStructs[st].size;
    if (h.msgSize < need) {
      malformed(`MDS message 0x${h.msgId.toString(16)}`, h.msgSize, need);
      return 0;
    }
    const raw = copy(item, need);
    ctx.emit(() => ({ kind: 'snapshot', msgId: h.msgId, body: oesStructs[st].read(raw) }));
    return 0;
  }, koffi.pointer(OnRptMsg));

  const initAll = (l: OesLibrary, configFile: string, lastRptSeqNum: bigint): OpenResult => {
    ctx.step('OesApi_InitAll');
    const last = [0];
    const ok = l.InitAll(
      env,
      stableString(configFile),
      stableString('log'),
      stableString('oes_client'),
      stableString('ordServer'),
      stableString('rptServer'),
      stableString('qryServer'),
      lastRptSeqNum,
      last,
    );
    if (!ok) throw new Error('OesApi_InitAll failed: check the servers, username, password and hdd_serial');
    oes = l;
    return { versionText: l.versionText, lastClSeqNo: last[0]! };
  };
  // The market-data side lives on its own: it works while the trade side is logged out (reconnecting).
  const needMd = (): OesLibrary => {
    if (!mdOpen || !loaded) throw new Error('the MDS session is not open');
    return loaded;
  };

  return {
    open(req) {
      if (oes) throw new Error('the OES session is already open');
      ctx.step('loading the OES library');
      loaded = loadOes(req.library);
      // The gateway queries today's orders and trades after this: reports from now on are enough.
      return initAll(loaded, req.configFile, req.lastRptSeqNum ?? 0n);
    },
    relogin(req) {
      if (!loaded) throw new Error('the OES library is not loaded');
      if (oes) {
        ctx.step('OesApi_LogoutAll');
        oes.LogoutAll(env, 0);
        oes = undefined;
      }
      return initAll(loaded, req.configFile, req.lastRptSeqNum);
    },
    openMd(configFile) {
      if (!loaded) throw new Error('the OES library is not loaded');
      const l = loaded;
      if (mdOpen) {
        ctx.step('MdsApi_LogoutAll');
        l.MdsLogoutAll(mdEnv, 0);
        mdOpen = false;
      }
      ctx.step('MdsApi_InitAll');
      // TCP and query channels only: the UDP multicast keys are NULL (not connected).
      const ok = l.MdsInitAll(
        mdEnv,
        stableString(configFile),
        stableString('log'),
        stableString('mds_client'),
        stableString('tcpServer'),
        stableString('qryServer'),
        null,
        null,
        null,
        null,
      );
      if (!ok) throw new Error('MdsApi_InitAll failed: check the market-data servers, username and password');
      mdOpen = true;
      return null;
    },
    subscribe({ codes, mode, level2 }) {
      const l = needMd();
      ctx.step('MdsApi_SubscribeByString');
      return l.MdsSubscribeByString(
        mdTcp,
        // Copied by the call (the subscription is sent before it returns): transient strings will do.
        codes,
        ',',
        0,
        MDS_MD_PRODUCT_STOCK,
        mode === 'delete' ? MDS_SUB.MODE_DELETE : MDS_SUB.MODE_APPEND,
        level2 ? MDS_SUB.DATA_L2_SNAPSHOT | MDS_SUB.DATA_L2_TRADE : MDS_SUB.DATA_L1_SNAPSHOT,
      ) as number;
    },
    pollMd(timeoutMs) {
      const l = needMd();
      ctx.step('MdsApi_WaitOnMsg');
      return l.MdsWaitOnMsg(mdTcp, timeoutMs, onMd, null) as number;
    },
    query(kind) {
      const l = need();
      const [fn, st] = QUERIES[kind];
      const size = oesStructs[st].size;
      const rows: Buffer[] = [];
      const cb = koffi.register((_c: unknown, _h: unknown, item: unknown) => {
        rows.push(copy(item, size));
        return 0;
      }, koffi.pointer(OnQryMsg));
      try {
        ctx.step(`OesApi_${String(fn)}`);
        const rc = (l[fn] as (...a: unknown[]) => number)(chan('qry'), null, cb, null);
        if (rc < 0) throw new Error(`OesApi_${String(fn)} failed (${rc})`);
      } finally {
        koffi.unregister(cb);
      }
      const records = rows.map((b): OesRecord => oesStructs[st].read(b));
      // A refused order's row carries its reason number; its text is the library's, read here.
      if (kind === 'order') {
        for (const r of records) {
          const reason = Number(r.ordRejReason ?? 0);
          if (reason) r.rejText = l.GetErrorMsg(reason);
        }
      }
      return records;
    },
    order(fields) {
      ctx.step('OesApi_SendOrderReq');
      return need().SendOrderReq(chan('ord'), oesStructs.OrdReq.write(fields)) as number;
    },
    cancel(fields) {
      ctx.step('OesApi_SendOrderCancelReq');
      return need().SendOrderCancelReq(chan('ord'), oesStructs.OrdCancelReq.write(fields)) as number;
    },
    poll(timeoutMs) {
      const l = need();
      ctx.step('OesApi_WaitReportMsg');
      return l.WaitReportMsg(chan('rpt'), timeoutMs, onReport, null) as number;
    },
    logout() {
      if (loaded && mdOpen) {
        ctx.step('MdsApi_LogoutAll');
        loaded.MdsLogoutAll(mdEnv, 1);
      }
      mdOpen = false;
      if (oes) {
        ctx.step('OesApi_LogoutAll');
        oes.LogoutAll(env, 1);
      }
      oes = undefined;
      return null;
    },
  };
};
