// `connect` resolves only when its initial sync is on the bus and dispatched: contracts, accounts, positions,
// open orders and today's executions are in the OMS the moment the promise settles. A scripted TWS answers
// each request in one write, as TWS does, so the last of them arrives in the same read as the message that
// ends the sync: a connect that resolved on that message alone would leave them queued, undispatched.
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeMessage, FrameDecoder, type Field } from '../../../gateways/ib/codec.js';
import * as msg from '../../../gateways/ib/incoming.js';
import { decodeClientRequest } from '../../../gateways/ib/outgoing.js';
import { connectIb } from './engine.js';
import { IB_SIM_INSTRUMENTS } from '../../../gateways/ib/sim/instruments.js';

void process.stderr;

const AAPL = IB_SIM_INSTRUMENTS[0]!.contract;
const MSFT = IB_SIM_INSTRUMENTS[1]!.contract;
const SV = 177;

function details(reqId: number, contract: typeof AAPL, longName: string): Field[] {
  return msg.contractDetails(SV, {
    reqId,
    contract,
    marketName: 'NMS',
    minTick: 0.01,
    orderTypes: 'LMT,MKT,STP',
    validExchanges: `SMART,${contract.primaryExchange}`,
    longName,
    timeZoneId: 'US/Eastern',
    tradingHours: '',
    liquidHours: '',
    minSize: 1,
    sizeIncrement: 1,
  });
}

function portfolio(contract: typeof AAPL, position: number): Field[] {
  return msg.portfolioValue({
    contract,
    position,
    marketPrice: 190,
    marketValue: 190 * position,
    averageCost: 180,
    unrealizedPnl: 10 * position,
    realizedPnl: 0,
    account: 'DU1',
  });
}

/** Everything one request is answered with, written to the socket at once. */
function answer(fields: readonly string[]): Field[][] {
  const req = decodeClientRequest(fields, SV);
  switch (req.kind) {
    case 'startApi':
      return [msg.managedAccounts(['DU1']), msg.nextValidId(20)];
    case 'reqAccountUpdates':
      return [
        msg.accountValue({ key: 'NetLiquidation', value: '100000', currency: 'USD', account: 'DU1' }),
        msg.accountValue({ key: 'AvailableFunds', value: '80000', currency: 'USD', account: 'DU1' }),
        portfolio(AAPL, 100),
        // A holding the setting does not list: its contract is looked up as part of the sync.
        portfolio(MSFT, 40),
        msg.accountTime('14:30'),
        msg.accountDownloadEnd('DU1'),
      ];
    case 'reqOpenOrders':
      return [
        msg.openOrder(SV, {
          orderId: 7,
          contract: AAPL,
          action: 'BUY',
          totalQuantity: 10,
          orderType: 'LMT',
          lmtPrice: 150,
          auxPrice: 0,
          tif: 'DAY',
          account: 'DU1',
          orderRef: 'earlier run',
          clientId: 1,
          permId: 70,
          status: 'Submitted',
        }),
        msg.orderStatus(SV, {
          orderId: 7,
          status: 'Submitted',
          filled: 0,
          remaining: 10,
          avgFillPrice: 0,
          permId: 70,
          parentId: 0,
          lastFillPrice: 0,
          clientId: 1,
          whyHeld: '',
          mktCapPrice: 0,
        }),
        msg.openOrderEnd(),
      ];
    case 'reqExecutions':
      return [
        msg.executionData(SV, {
          reqId: req.reqId,
          orderId: 5,
          contract: AAPL,
          execution: {
            execId: '0000e0d5.0001.01.01',
            time: '20250323  14:30:00',
            account: 'DU1',
            exchange: 'ISLAND',
            side: 'BOT',
            shares: 100,
            price: 180,
            permId: 50,
            clientId: 1,
            cumQty: 100,
            avgPrice: 180,
            orderRef: '',
          },
        }),
        msg.executionEnd(req.reqId),
      ];
    case 'reqContractDetails': {
      const c = req.contract.conId === MSFT.conId ? MSFT : AAPL;
      return [
        details(req.reqId, c, c === MSFT ? 'MICROSOFT CORP' : 'APPLE INC'),
        msg.contractDetailsEnd(req.reqId),
      ];
    }
    default:
      return [];
  }
}

test('connect resolves with the whole sync dispatched: contracts, account, positions, open order, trade', async () => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    const dec = new FrameDecoder();
    let started = false;
    sock.on('data', (chunk) => {
      dec.push(started ? chunk : chunk.subarray(4)); // "API\0" comes first, once
      started = true;
      const out: Field[][] = [];
      for (let fields = dec.next(); fields; fields = dec.next()) {
        if (fields[0]?.startsWith('v')) out.push(msg.serverHello(SV, '20250323 14:29:00 UTC'));
        else out.push(...answer(fields));
      }
      if (out.length) sock.write(Buffer.concat(out.map((f) => encodeMessage(f))));
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  let me: Awaited<ReturnType<typeof connectIb>> | undefined;
  try {
    me = await connectIb(server);
    // No waiting from here on: all of it must be in the OMS already.
    assert.is(me.getContract('265598.SMART')?.name, 'APPLE INC', 'the contract from the setting');
    assert.is(me.getContract('272093.SMART')?.name, 'MICROSOFT CORP', "a held position's contract");
    const positions = me
      .getAllPositions()
      .map((p) => [p.vtSymbol, p.volume])
      .sort();
    assert.equal(positions, [
      ['265598.SMART', 100],
      ['272093.SMART', 40],
    ]);
    assert.equal(
      me.getAllAccounts().map((a) => [a.vtAccountid, a.balance]),
      [['IB.DU1.USD', 100000]],
    );
    assert.is(me.getOrder('IB.7')?.reference, 'earlier run', 'the open order from an earlier run');
    assert.equal(
      me.getAllTrades().map((t) => [t.tradeid, t.volume]),
      [['0000e0d5.0001.01.01', 100]],
      "today's execution",
    );
  } finally {
    await me?.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  }
});

test.run();
