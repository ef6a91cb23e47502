// Sim/doc agreement: every message the simulated TWS sends, at every server version vnt accepts, has the
// field layout of IB's published client (fixtures/layouts.ts, re-typed from quantrocket-llc/ibapi e3542aa3
// decoder.py / orderdecoder.py / client.py), and so does every request the gateway writes.
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OrderType } from '../../../src/core/constant.js';
import { encodeHandshake, encodeMessage, FrameDecoder, type Field } from '../../../gateways/ib/codec.js';
import * as out from '../../../gateways/ib/outgoing.js';
import { ibContract, MAX_CLIENT_VERSION, MIN_CLIENT_VERSION } from '../../../gateways/ib/protocol.js';
import { IB_SIM_ACCOUNT, startIbSimulator } from '../../../gateways/ib/sim/index.js';
import { checkLayout, CLIENT_LAYOUTS, SERVER_LAYOUTS } from './fixtures/layouts.js';

void process.stderr;

const AAPL = ibContract({ conId: 265598, exchange: 'SMART' });
const order = (action: string, orderType: string, lmtPrice?: number): out.IbOrder => ({
  action,
  totalQuantity: 1,
  orderType,
  lmtPrice,
  tif: 'DAY',
  account: IB_SIM_ACCOUNT,
  orderRef: 'doc',
});

/** Every request the gateway makes, as it writes them for server version sv. */
function requests(sv: number, clientId: number, firstId: number): Field[][] {
  return [
    out.startApi(clientId),
    out.reqAccountUpdates(true, IB_SIM_ACCOUNT),
    out.reqPositions(),
    out.reqContractDetails(sv, 1, AAPL),
    out.reqContractDetails(sv, 2, ibContract({ conId: 1 })), // unknown: error 200
    out.reqMktData(sv, 3, AAPL),
    out.reqMktDepth(sv, 4, AAPL, 5),
    out.placeOrder(sv, firstId, AAPL, order('BUY', 'LMT', 150)),
    out.placeOrder(sv, firstId + 1, AAPL, order('BUY', 'MKT')),
    out.reqOpenOrders(),
    out.reqExecutions(5, {
      clientId,
      acctCode: '',
      time: '',
      symbol: '',
      secType: '',
      exchange: '',
      side: '',
    }),
    out.cancelOrder(sv, firstId),
    out.reqHistoricalData(sv, {
      reqId: 6,
      contract: AAPL,
      endDateTime: '',
      barSize: '1 hour',
      duration: '1 D',
      useRth: false,
      whatToShow: 'TRADES',
      formatDate: 2,
    }),
    out.cancelMktData(3),
    out.cancelMktDepth(sv, 4),
    out.reqIds(),
    out.reqCurrentTime(), // answered last: the end of this session's traffic
  ];
}

test('every request the gateway writes matches IB client.py, at every version 100..177', () => {
  for (let sv = MIN_CLIENT_VERSION; sv <= MAX_CLIENT_VERSION; sv++) {
    for (const f of requests(sv, 1, 1)) {
      const fields = f.map(String).map((x) => (x === 'true' ? '1' : x === 'false' ? '0' : x));
      const layout = CLIENT_LAYOUTS[Number(fields[0])];
      assert.ok(layout, `a documented layout for request ${fields[0]}`);
      assert.equal(checkLayout(layout!, fields, sv), [], `request ${fields[0]} at ${sv}`);
    }
  }
});

test('every message the simulator sends matches IB decoder.py, at every version 100..177', async () => {
  const { sim, exchange } = await startIbSimulator({ seed: 2, tickRate: 0 });
  // A position to report, held before the sessions start.
  exchange.placeOrder(IB_SIM_ACCOUNT, {
    symbol: '265598',
    side: 'BUY',
    type: OrderType.LIMIT,
    price: 190,
    volume: 5,
    clientOrderId: 'held',
  });
  exchange.crossFromMarket('265598', 'SELL', 190, 5);
  const seen = new Set<number>();
  try {
    for (let sv = MIN_CLIENT_VERSION; sv <= MAX_CLIENT_VERSION; sv++) {
      const frames = await new Promise<string[][]>((resolve, reject) => {
        const got: string[][] = [];
        const dec = new FrameDecoder();
        const sock = net.connect({ host: '127.0.0.1', port: sim.port });
        sock.on('error', reject);
        sock.on('connect', () => sock.write(encodeHandshake(sv, sv)));
        let sent = false;
        sock.on('data', (chunk) => {
          dec.push(chunk);
          for (let f = dec.next(); f; f = dec.next()) {
            if (!sent) {
              sent = true;
              assert.is(Number(f[0]), sv, 'the simulator answers at the version asked for');
              // Requests paced in two bursts under TWS's 50 messages/s: the handshake answer first.
              for (const r of requests(sv, 1000 + sv, sim.nextValidId())) sock.write(encodeMessage(r));
              continue;
            }
            got.push(f);
            if (f[0] === '49') {
              sock.destroy();
              resolve(got);
            }
          }
        });
      });
      for (const f of frames) {
        const id = Number(f[0]);
        seen.add(id);
        const layout = SERVER_LAYOUTS[id];
        assert.ok(layout, `a documented layout for message ${id} (sent at ${sv})`);
        assert.equal(checkLayout(layout!, f, sv), [], `message ${id} at ${sv}: ${f.join('|').slice(0, 120)}`);
      }
    }
  } finally {
    exchange.stop();
    await sim.stop();
  }
  const expected = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 17, 49, 52, 53, 54, 55, 59, 61, 62];
  assert.equal(
    expected.filter((id) => !seen.has(id)),
    [],
    'every kind of message the gateway reads was served and checked',
  );
});

test.run();
