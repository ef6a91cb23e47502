// The OES session in the killable native host, on the simulated counter through the real binding: login,
// queries, an order whose reports arrive as batched events after one WaitReportMsg; and a WaitReportMsg or
// InitAll that never returns is bounded: the call rejects naming the vendor call and the host is gone.
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OESMSG } from '../../../bindings/oes/library.js';
import type { ReportEvent } from '../../../bindings/oes/protocol.js';
import { DEFAULT_LIMITS, OesSession } from '../../../bindings/oes/session.js';
import { buildOesSim } from '../../../gateways/oes/sim/build.js';

let library: string;
const open = { configFile: '/nonexistent/oes_client.conf' };

test.before(async () => {
  library = await buildOesSim(path.resolve('test/gateways/oes/build'));
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function session(env?: NodeJS.ProcessEnv) {
  const reports: ReportEvent[] = [];
  const ended: string[] = [];
  let wake: () => void = () => {};
  let onEnd: () => void = () => {};
  const endedOnce = () => new Promise<void>((resolve) => (ended.length ? resolve() : (onEnd = resolve)));
  const s = new OesSession(
    {
      onEvents: (e) => {
        for (const r of e) if (r.kind !== 'snapshot') reports.push(r);
        wake();
      },
      onLog: () => {},
      onEnded: (exit) => {
        ended.push(exit.description);
        onEnd();
      },
    },
    // A hang (env set) must end the session in bounded time, but the calls before it — loading the library,
    // logging in — must fit the limit on a loaded machine: 4 s. Other sessions keep the default.
    { callTimeoutMs: env ? 4000 : DEFAULT_LIMITS.callTimeoutMs, exitGraceMs: 1000 },
    env ? { ...process.env, ...env } : undefined,
  );
  const reportCount = (n: number) =>
    new Promise<void>((resolve) => {
      wake = () => reports.length >= n && resolve();
      wake();
    });
  return { s, reports, ended, reportCount, endedOnce };
}

test('login, queries and an order filled with its reports batched from the host', async () => {
  const { s, reports, reportCount } = session();
  try {
    const r = await s.open({ library, ...open });
    assert.is(r.versionText, '0.16.1.4');
    const stocks = await s.query('stock');
    assert.is(stocks[1]!.securityName, '平安银行');
    assert.is((await s.query('holding'))[0]!.sellAvlHld, 1000n);
    assert.is(
      await s.order({ clSeqNo: 1, mktId: 1, bsType: 1, securityId: '600000', ordQty: 100, ordPrice: 102600 }),
      0,
    );
    assert.is(await s.poll(0), 6);
    await reportCount(6);
    assert.equal(
      reports.map((e) => e.msgId),
      [
        OESMSG.RPT_ORDER_INSERT,
        OESMSG.RPT_CASH_ASSET_VARIATION,
        OESMSG.RPT_ORDER_REPORT,
        OESMSG.RPT_TRADE_REPORT,
        OESMSG.RPT_CASH_ASSET_VARIATION,
        OESMSG.RPT_STOCK_HOLDING_VARIATION,
      ],
    );
    assert.equal(
      reports.map((e) => e.rptSeqNum),
      [1n, 2n, 3n, 4n, 5n, 6n],
    );
    assert.is(reports[3]!.body.trdQty, 100);
    assert.is(reports[5]!.body.sumHld, 1100n);
  } finally {
    const exit = await s.close();
    assert.ok(exit?.released, 'LogoutAll returned');
  }
});

test('a WaitReportMsg that never returns is bounded: rejects naming it, host killed', async () => {
  const { s, ended, endedOnce } = session({ OESSIM_HANG_WAIT: '1' });
  await s.open({ library, ...open });
  const pid = s.pid!;
  const error = await s.poll(0).then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /OesApi_WaitReportMsg/);
  await endedOnce();
  await s.close();
  assert.not.ok(alive(pid), 'the host process is gone');
  assert.is(ended.length, 1, 'the session reported its end once');
});

test('an InitAll that never returns is bounded and names the call', async () => {
  const { s } = session({ OESSIM_HANG_INIT: '1' });
  const error = await s.open({ library, ...open }).then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /OesApi_InitAll/);
  const pid = s.pid;
  await s.close();
  if (pid) assert.not.ok(alive(pid), 'the host process is gone');
});

test('a file that is not an OES library is refused with a clear reason', async () => {
  const { s } = session();
  const error = await s.open({ library: process.execPath, ...open }).then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /not a OES trader library|not an OES|no OesApi_GetApiVersion/);
  await s.close();
});

test.run();
