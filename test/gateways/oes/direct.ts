// The simulated OES/MDS library called straight through the real binding, without the host: client envs at
// the binding's layout, order requests, and the raw messages one wait or query delivers (head and bytes),
// for the binding test and the sim/doc agreement test to decode and check.
import path from 'node:path';
import koffi from 'koffi';
import * as assert from 'uvu/assert';
import {
  CHANNEL,
  CHANNEL_BYTES,
  CLIENT_ENV_BYTES,
  loadOes,
  MDS_CLIENT_ENV_BYTES,
  MsgHead,
  OnQryMsg,
  OnRptMsg,
  type OesLibrary,
} from '../../../bindings/oes/library.js';
import { oesStructs, type OesRecord } from '../../../bindings/oes/structs.js';
import { buildOesSim } from '../../../gateways/oes/sim/build.js';

export interface RawMsg {
  msgId: number;
  msgSize: number;
  /** The message body (msgSize bytes). */
  raw: Buffer;
  /** The query callback's OesQryCursorT (16 bytes), for query rows. */
  cursor?: Buffer;
}

export type QueryFn = 'QueryStock' | 'QueryCashAsset' | 'QueryStkHolding' | 'QueryOrder' | 'QueryTrade';

const bytes = (ptr: unknown, n: number): Buffer =>
  Buffer.from(koffi.decode(ptr, koffi.array('uint8_t', n)) as number[]);

export class DirectOes {
  readonly env = koffi.alloc('uint8_t', CLIENT_ENV_BYTES) as bigint;
  readonly mdEnv = koffi.alloc('uint8_t', MDS_CLIENT_ENV_BYTES) as bigint;
  private clSeqNo = 0;

  private constructor(readonly oes: OesLibrary) {}

  static async load(): Promise<DirectOes> {
    return new DirectOes(loadOes(await buildOesSim(path.resolve('test/gateways/oes/build'))));
  }

  chan(c: keyof typeof CHANNEL): unknown {
    return koffi.as(this.env + BigInt(CHANNEL[c] * CHANNEL_BYTES), 'void *');
  }

  /** MdsApiClientEnvT's first member. */
  get mdTcp(): unknown {
    return koffi.as(this.mdEnv, 'void *');
  }

  /** OesApi_InitAll with the sample section and key names; returns its BOOL and pLastClSeqNo. */
  login(lastRptSeqNum = 0n): { ok: number; lastClSeqNo: number } {
    const last = [0];
    const ok = this.oes.InitAll(
      this.env,
      '/tmp/oes_client.conf',
      'log',
      'oes_client',
      'ordServer',
      'rptServer',
      'qryServer',
      lastRptSeqNum,
      last,
    ) as number;
    return { ok, lastClSeqNo: last[0]! };
  }

  /** OesApi_SendOrderReq of a limit order (asserted sent); returns its clSeqNo. */
  order(securityId: string, mktId: number, bsType: number, ordQty: number, ordPrice: number): number {
    const clSeqNo = ++this.clSeqNo;
    const req = oesStructs.OrdReq.write({ clSeqNo, mktId, ordType: 0, bsType, securityId, ordQty, ordPrice });
    assert.is(this.oes.SendOrderReq(this.chan('ord'), req), 0);
    return clSeqNo;
  }

  /** OesApi_SendOrderCancelReq naming origClSeqNo; returns the cancel's own clSeqNo and the call's code. */
  cancel(mktId: number, origClSeqNo: number): { clSeqNo: number; rc: number } {
    const clSeqNo = ++this.clSeqNo;
    const req = oesStructs.OrdCancelReq.write({ clSeqNo, mktId, origClSeqNo });
    return { clSeqNo, rc: this.oes.SendOrderCancelReq(this.chan('ord'), req) as number };
  }

  /** What one OesApi_WaitReportMsg (rpt) or MdsApi_WaitOnMsg (md) delivers now. */
  wait(side: 'rpt' | 'md'): RawMsg[] {
    const out: RawMsg[] = [];
    const cb = koffi.register((_c: unknown, head: unknown, item: unknown) => {
      const h = koffi.decode(head, MsgHead) as { msgId: number; msgSize: number };
      out.push({ msgId: h.msgId, msgSize: h.msgSize, raw: bytes(item, h.msgSize) });
      return 0;
    }, koffi.pointer(OnRptMsg));
    try {
      if (side === 'rpt') this.oes.WaitReportMsg(this.chan('rpt'), 0, cb, null);
      else this.oes.MdsWaitOnMsg(this.mdTcp, 0, cb, null);
    } finally {
      koffi.unregister(cb);
    }
    return out;
  }

  /** The rows of one query (asserting the count it returns equals the rows called back). */
  query(fn: QueryFn): RawMsg[] {
    const rows: RawMsg[] = [];
    const cb = koffi.register((_c: unknown, head: unknown, item: unknown, cursor: unknown) => {
      const h = koffi.decode(head, MsgHead) as { msgId: number; msgSize: number };
      rows.push({
        msgId: h.msgId,
        msgSize: h.msgSize,
        raw: bytes(item, h.msgSize),
        cursor: bytes(cursor, 16),
      });
      return 0;
    }, koffi.pointer(OnQryMsg));
    try {
      const n = this.oes[fn](this.chan('qry'), null, cb, null) as number;
      assert.is(n, rows.length, `${fn} count`);
    } finally {
      koffi.unregister(cb);
    }
    return rows;
  }
}

/** A query's rows decoded as `st`. */
export const rowsOf = (rows: RawMsg[], st: keyof typeof oesStructs): OesRecord[] =>
  rows.map((r) => oesStructs[st].read(r.raw));
