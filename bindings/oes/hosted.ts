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
  MsgHead,
  OESMSG,
  OnQryMsg,
  OnRptMsg,
} from './library.js';
import { RPT_HEAD_BYTES, type OesLibrary } from './library.js';
import type { OesOps, QueryKind, ReportEvent } from './protocol.js';
import { oesStructs, type OesRecord, type OesStructName } from './structs.js';

const QUERIES: Record<QueryKind, [keyof OesLibrary, OesStructName]> = {
  stock: ['QueryStock', 'StockItem'],
  cash: ['QueryCashAsset', 'CashAssetItem'],
  holding: ['QueryStkHolding', 'StkHoldingItem'],
  order: ['QueryOrder', 'OrdCnfm'],
  trade: ['QueryTrade', 'TrdCnfm'],
};

/** The body struct of each report message vnt reads (others are skipped). */
const REPORT_BODY: Record<number, OesStructName> = {
  [OESMSG.RPT_BUSINESS_REJECT]: 'OrdCnfm',
  [OESMSG.RPT_ORDER_INSERT]: 'OrdCnfm',
  [OESMSG.RPT_ORDER_REPORT]: 'OrdCnfm',
  [OESMSG.RPT_TRADE_REPORT]: 'TrdCnfm',
  [OESMSG.RPT_CASH_ASSET_VARIATION]: 'CashAssetItem',
  [OESMSG.RPT_STOCK_HOLDING_VARIATION]: 'StkHoldingItem',
};

const copy = (ptr: unknown, size: number): Buffer =>
  Buffer.from(koffi.decode(ptr, koffi.array('uint8_t', size)) as number[]);

export const start: HostedStart<OesOps, ReportEvent, null> = (ctx: HostContext<ReportEvent>) => {
  let oes: OesLibrary | undefined;
  // The client env is given to the vendor for the life of this process: never freed.
  const env = koffi.alloc('uint8_t', CLIENT_ENV_BYTES) as bigint;
  const chan = (c: keyof typeof CHANNEL) => koffi.as(env + BigInt(CHANNEL[c] * CHANNEL_BYTES), 'void *');
  const need = (): OesLibrary => {
    if (!oes) throw new Error('the OES session is not open');
    return oes;
  };

  const onReport = koffi.register((_c: unknown, head: unknown, item: unknown) => {
    const h = koffi.decode(head, MsgHead) as { msgId: number; msgSize: number };
    const st = REPORT_BODY[h.msgId];
    if (!st) return 0;
    const raw = copy(item, Math.max(h.msgSize, RPT_HEAD_BYTES + oesStructs[st].size));
    ctx.emit(() => ({
      msgId: h.msgId,
      rptSeqNum: raw.readBigInt64LE(0),
      ordRejReason: raw.readInt32LE(12),
      body: oesStructs[st].read(raw.subarray(RPT_HEAD_BYTES)),
    }));
    return 0;
  }, koffi.pointer(OnRptMsg));

  return {
    open(req) {
      if (oes) throw new Error('the OES session is already open');
      ctx.step('loading the OES library');
      const l = loadOes(req.library);
      ctx.step('OesApi_InitAll');
      const last = [0];
      const ok = l.InitAll(
        env,
        stableString(req.configFile),
        stableString('log'),
        stableString('oes_client'),
        stableString('ordServer'),
        stableString('rptServer'),
        stableString('qryServer'),
        0n,
        last,
      );
      if (!ok) throw new Error('OesApi_InitAll failed: check the servers, username, password and hdd_serial');
      oes = l;
      return { versionText: l.versionText, lastClSeqNo: last[0]! };
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
      return rows.map((b): OesRecord => oesStructs[st].read(b));
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
      if (oes) {
        ctx.step('OesApi_LogoutAll');
        oes.LogoutAll(env, 1);
      }
      oes = undefined;
      return null;
    },
  };
};
