// Edge cases real TWS produces that the simulator does not: the gateway against a scripted TWS on loopback
// that answers the sync and then plays exact message sequences (orders of arrival, repeats).
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { encodeMessage, FrameDecoder, type Field } from '../../../gateways/ib/codec.js';
import * as msg from '../../../gateways/ib/incoming.js';
import { decodeClientRequest, type ClientRequest } from '../../../gateways/ib/outgoing.js';
import { IB_SIM_INSTRUMENTS } from '../../../gateways/ib/sim/instruments.js';
import { formatIbWallTime } from '../../../gateways/ib/time.js';
import { connectIb } from './engine.js';
import { until } from '../../helpers/wait.js';

void process.stderr;

const TWS_OFFSET = -5 * 3_600_000;
const SV = 177;

/** The simulator's AAPL: a stock routed by SMART, primary NASDAQ. */
const AAPL = IB_SIM_INSTRUMENTS[0]!.contract;

/** A TWS that syncs one account and hands placeOrder requests to `onOrder`. */
async function scriptedTws(
  onOrder: (send: (f: Field[]) => void, req: Extract<ClientRequest, { kind: 'placeOrder' }>) => void,
) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    const dec = new FrameDecoder();
    let started = false;
    const send = (f: Field[]): void => void sock.write(encodeMessage(f));
    sock.on('data', (chunk) => {
      dec.push(started ? chunk : chunk.subarray(4)); // "API\0" comes first, once
      started = true;
      for (let fields = dec.next(); fields; fields = dec.next()) {
        if (fields[0]?.startsWith('v')) {
          // A TWS in New York: its wall clock runs 4 or 5 hours behind UTC.
          send(msg.serverHello(SV, `${formatIbWallTime(Date.now() + TWS_OFFSET).replace('  ', ' ')} EST`));
          continue;
        }
        const req = decodeClientRequest(fields, SV);
        if (req.kind === 'startApi') {
          send(msg.managedAccounts(['DU1']));
          send(msg.nextValidId(1));
        } else if (req.kind === 'reqAccountUpdates') send(msg.accountDownloadEnd('DU1'));
        else if (req.kind === 'reqOpenOrders') send(msg.openOrderEnd());
        else if (req.kind === 'reqExecutions') send(msg.executionEnd(req.reqId));
        else if (req.kind === 'reqContractDetails') {
          send(
            msg.contractDetails(SV, {
              reqId: req.reqId,
              contract: AAPL,
              marketName: 'NMS',
              minTick: 0.01,
              orderTypes: 'LMT',
              validExchanges: 'SMART',
              longName: 'APPLE INC',
              timeZoneId: 'US/Eastern',
              tradingHours: '',
              liquidHours: '',
              minSize: 1,
              sizeIncrement: 1,
            }),
          );
          send(msg.contractDetailsEnd(req.reqId));
        } else if (req.kind === 'placeOrder') onOrder(send, req);
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const me = await connectIb(server);
  await until(() => me.getContract('265598.SMART') !== undefined, 'the contract');
  return {
    me,
    async stop(): Promise<void> {
      await me.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

const buy = {
  symbol: '265598',
  exchange: Exchange.SMART,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  price: 150,
  volume: 10,
  offset: Offset.NONE,
};

function status(orderId: number, s: string, filled: number, remaining: number): Field[] {
  return msg.orderStatus(SV, {
    orderId,
    status: s,
    filled,
    remaining,
    avgFillPrice: filled ? 150 : 0,
    permId: 7,
    parentId: 0,
    lastFillPrice: 0,
    clientId: 1,
    whyHeld: '',
    mktCapPrice: 0,
  });
}

function execution(orderId: number, execId: string, shares: number, cumQty: number): Field[] {
  return msg.executionData(SV, {
    reqId: -1,
    orderId,
    contract: AAPL,
    execution: {
      execId,
      time: '20250323  22:30:00',
      account: 'DU1',
      exchange: 'ISLAND',
      side: 'BOT',
      shares,
      price: 150,
      permId: 7,
      clientId: 1,
      cumQty,
      avgPrice: 150,
      orderRef: '',
    },
  });
}

test('"Inactive" before the error that explains it: the order is REJECTED with the reason', async () => {
  const tws = await scriptedTws((send, req) => {
    send(status(req.orderId, 'Inactive', 0, 10));
    send(
      msg.errorMessage(SV, {
        reqId: req.orderId,
        code: 201,
        message: 'Order rejected - reason:No trading permissions',
        advancedOrderRejectJson: '',
      }),
    );
  });
  try {
    const id = tws.me.sendOrder(buy, 'IB');
    await until(
      () => tws.me.getOrder(id)?.statusMsg.includes('No trading permissions') === true,
      'the reason on the order',
    );
    assert.is(tws.me.getOrder(id)!.status, Status.REJECTED);
    assert.match(tws.me.getOrder(id)!.statusMsg, /^201 /);
  } finally {
    await tws.stop();
  }
});

test('executions before status, repeated executions and late statuses: each fill counts once, status never goes back', async () => {
  const tws = await scriptedTws((send, req) => {
    send(status(req.orderId, 'Submitted', 0, 10));
    send(execution(req.orderId, 'e.1', 4, 4)); // before the status that reports it
    send(execution(req.orderId, 'e.1', 4, 4)); // TWS repeats executions (e.g. after reqExecutions)
    send(status(req.orderId, 'Submitted', 4, 6));
    send(execution(req.orderId, 'e.2', 6, 10));
    send(status(req.orderId, 'Filled', 10, 0));
    send(status(req.orderId, 'Submitted', 4, 6)); // a late, stale report
    send(status(99_999, 'Filled', 1, 0)); // an order nobody here knows
  });
  try {
    const statuses: Status[] = [];
    tws.me.eventEngine.register('order', (e) => statuses.push(e.data.status));
    const id = tws.me.sendOrder(buy, 'IB');
    await until(() => tws.me.getAllTrades().filter((t) => t.vtOrderid === id).length === 2, 'two trades');
    await until(() => tws.me.getOrder(id)?.status === Status.ALLTRADED, 'ALLTRADED');
    const trades = tws.me.getAllTrades().filter((t) => t.vtOrderid === id);
    assert.equal(trades.map((t) => [t.tradeid, t.volume]).sort(), [
      ['e.1', 4],
      ['e.2', 6],
    ]);
    assert.is(
      trades[0]!.datetime,
      Date.UTC(2025, 2, 23, 22, 30, 0) - TWS_OFFSET,
      "the execution time is read in TWS's clock (New York here)",
    );
    const rank: Record<Status, number> = {
      SUBMITTING: 0,
      NOTTRADED: 1,
      PARTTRADED: 2,
      ALLTRADED: 3,
      CANCELLED: 3,
      REJECTED: 3,
    };
    for (let i = 1; i < statuses.length; i++)
      assert.ok(rank[statuses[i]!] >= rank[statuses[i - 1]!], `no step back: ${statuses.join(' -> ')}`);
    assert.is(tws.me.getOrder(id)!.traded, 10);
    assert.not.ok(tws.me.getOrder('IB.99999'), 'an unknown order id is not invented from a status report');
  } finally {
    await tws.stop();
  }
});

function openOrder(orderId: number, lmtPrice: number, totalQuantity: number): Field[] {
  return msg.openOrder(SV, {
    orderId,
    contract: AAPL,
    action: 'BUY',
    totalQuantity,
    orderType: 'LMT',
    lmtPrice,
    auxPrice: 0,
    tif: 'DAY',
    account: 'DU1',
    orderRef: '',
    clientId: 1,
    permId: 7,
    status: 'Submitted',
  });
}

test('two modifications in flight: a stale OPEN_ORDER does not undo them, a refused one keeps the order working', async () => {
  const modifications: number[] = [];
  let answered = false;
  const tws = await scriptedTws((send, req) => {
    if (modifications.length === 0) {
      modifications.push(req.order.lmtPrice ?? 0);
      send(openOrder(req.orderId, 150, 10));
      send(status(req.orderId, 'Submitted', 0, 10));
      return;
    }
    modifications.push(req.order.lmtPrice ?? 0);
    if (modifications.length < 3) return;
    // Both modifications arrived. TWS writes a report from before them, takes the first (149 for 12 shares)
    // and refuses the second.
    answered = true;
    send(openOrder(req.orderId, 150, 10));
    send(status(req.orderId, 'Submitted', 0, 10));
    send(openOrder(req.orderId, 149, 12));
    send(status(req.orderId, 'Submitted', 0, 12));
    send(
      msg.errorMessage(SV, {
        reqId: req.orderId,
        code: 201,
        message: 'Order rejected - reason:price too far from the market',
        advancedOrderRejectJson: '',
      }),
    );
  });
  try {
    const prices: number[] = [];
    tws.me.eventEngine.register('order', (e) => prices.push(e.data.price));
    const id = tws.me.sendOrder(buy, 'IB');
    await until(() => tws.me.getOrder(id)?.status === Status.NOTTRADED, 'working');
    const ref = { orderid: id.slice('IB.'.length), symbol: '265598', exchange: Exchange.SMART };
    await tws.me.amendOrder({ ...ref, price: 149, volume: 12 }, 'IB');
    await tws.me.amendOrder({ ...ref, price: 100 }, 'IB');
    await until(() => tws.me.getOrder(id)?.statusMsg.includes('amend refused: 201') === true, 'the refusal');
    assert.ok(answered, 'TWS received both modifications');
    assert.equal(modifications, [150, 149, 100]);
    const o = tws.me.getOrder(id)!;
    assert.is(o.status, Status.NOTTRADED, 'a refused modification does not reject the order');
    assert.is(o.price, 149, 'the modification TWS took');
    assert.is(o.volume, 12);
    assert.not.ok(prices.slice(prices.indexOf(149)).includes(150), `never back to 150: ${prices.join(' ')}`);
  } finally {
    await tws.stop();
  }
});

test.run();
