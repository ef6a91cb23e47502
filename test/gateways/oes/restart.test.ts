// A vendor host that crashes is reported, started again and reconciled: the simulated OES library aborts its
// process (after a counterparty fill nobody had polled yet), the gateway goes RECONNECTING naming the ended
// session, starts a new host process, resumes the report channel after the last rptSeqNum and re-queries
// orders, trades, cash and holdings — the fill made while it was down arrives once, the trades seen before
// are not pushed again, and trading goes on with client sequence numbers above the old ones. The counter's
// day survives the crash in $OESSIM_STATE, as a real counter (a remote server) would keep it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { GatewayStatusData, LogData, OrderRequest, TradeData } from '../../../src/core/object.js';
import { OesGateway } from '../../../gateways/oes/index.js';
import { until } from '../../helpers/wait.js';
import { startSim, type OesSim } from './target.js';

let sim: OesSim;
let stateDir: string;

test.before(async () => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-oessim-state-'));
  process.env.OESSIM_STATE = path.join(stateDir, 'day.bin');
  sim = await startSim();
});

test.after(async () => {
  delete process.env.OESSIM_STATE;
  fs.rmSync(stateDir, { recursive: true, force: true });
  await sim.stop();
});

const order = (extra: Partial<OrderRequest>): OrderRequest => ({
  symbol: '600000',
  exchange: Exchange.SSE,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  offset: Offset.NONE,
  price: 10.26,
  volume: 100,
  ...extra,
});

/** The host process id the gateway last logged ("host process <pid>"). */
const hostPid = (logs: LogData[]): number => {
  const line = logs.filter((l) => /host process \d+/.test(l.msg)).pop();
  return Number(/host process (\d+)/.exec(line?.msg ?? '')?.[1] ?? 0);
};

test('a crashed host is reported, started again, and what happened while it was down reconciled once', async () => {
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  const statuses: GatewayStatusData[] = [];
  const trades: TradeData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.eventEngine.register('gateway', (e) => statuses.push(e.data));
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.addGateway(OesGateway, 'OES');
  try {
    await me.connect(sim.setting(), 'OES');
    const filled = me.sendOrder(order({}), 'OES');
    const resting = me.sendOrder(order({ price: 10.0 }), 'OES');
    await until(() => me.getOrder(filled)?.status === Status.ALLTRADED, 'the crossing buy fills');
    await until(() => me.getOrder(resting)?.status === Status.NOTTRADED, 'the resting buy is accepted');
    const before = hostPid(logs);
    assert.ok(before > 0, 'the host process is named in the log');
    const from = statuses.length;

    // A counterparty sells into the resting buy, and the library crashes before anyone polls the reports.
    await sim.control(`crash ${before} S 10.00 100`);
    await until(
      () => statuses.slice(from).some((s) => s.status === GatewayStatus.RECONNECTING),
      'RECONNECTING after the crash',
    );
    const down = statuses.slice(from).find((s) => s.status === GatewayStatus.RECONNECTING)!;
    assert.match(down.message ?? '', /OES session ended/, 'the status names the ended session');
    assert.ok(
      logs.some((l) => /OES session ended/.test(l.msg) && /oessim: crashing on request/.test(l.msg)),
      "the log gives the reason and the library's last output",
    );
    await until(
      () => statuses.slice(from).some((s) => s.status === GatewayStatus.CONNECTED),
      'CONNECTED again on a new host',
    );
    assert.is.not(hostPid(logs), before, 'a new host process');

    await until(() => me.getOrder(resting)?.status === Status.ALLTRADED, 'the fill made while down arrives');
    await until(
      () => me.getAllPositions().find((p) => p.symbol === '600000')?.volume === 1200,
      'the holding re-queried',
    );
    const ids = trades.map((t) => t.vtTradeid);
    assert.is(new Set(ids).size, ids.length, `no trade pushed twice: ${ids.join(', ')}`);
    assert.is(trades.filter((t) => t.vtOrderid === resting).length, 1, 'the fill while down, once');
    assert.is(trades.filter((t) => t.vtOrderid === filled).length, 1, 'the earlier fill, not again');

    // Trading goes on, numbered above every order the counter knows.
    const next = me.sendOrder(order({}), 'OES');
    assert.ok(Number(next.split('.')[1]) > Number(resting.split('.')[1]), `${next} after ${resting}`);
    await until(() => me.getOrder(next)?.status === Status.ALLTRADED, 'an order after the restart fills');
  } finally {
    await me.close();
  }
});

test.run();
