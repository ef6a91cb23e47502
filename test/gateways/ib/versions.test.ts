// The gateway against simulated TWSes of older server versions: each speaks only up to its version, so every
// message either side writes is laid out for it (version fields that later servers dropped, fields that did
// not exist yet). The shared conformance suite runs at each, then contract details, depth and history.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Interval, Offset, OrderType } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { RequestError } from '../../../src/core/errors.js';
import type { SimExchange } from '../../../src/sim/types.js';
import { IbGateway } from '../../../gateways/ib/index.js';
import { SERVER_VERSION } from '../../../gateways/ib/protocol.js';
import { IB_SIM_ACCOUNT, startIbSimulator, type TwsSimulator } from '../../../gateways/ib/sim/index.js';
import { runConformance } from '../../conformance/suite.js';
import { until } from '../../helpers/wait.js';

void process.stderr;

const AAPL = '265598';

/**
 * 173: the version a recorded session negotiated. 163: the one version with sizeMinTick in CONTRACT_DATA.
 * 144: before ORDER_CONTAINER (OPEN_ORDER and PLACE_ORDER carry a version field), SMART_DEPTH and
 * LAST_LIQUIDITY. 123: before SYNT_REALTIME_BARS (history with a version field and hasGaps) and
 * MARKET_CAP_PRICE. 100: IB's floor, before every gate vnt knows of.
 */
const VERSIONS = [173, 163, 144, 123, 100];

for (const version of VERSIONS) {
  let sim: TwsSimulator;
  let exchange: SimExchange;
  runConformance(
    {
      gatewayClass: IbGateway,
      instrument: {
        symbol: AAPL,
        exchange: Exchange.SMART,
        openOffset: Offset.NONE,
        restingBuyPrice: 150,
        volume: 10,
        offTickPrice: 150.005,
      },
      start: async () => {
        ({ sim, exchange } = await startIbSimulator({ seed: 7, tickRate: 0, maxVersion: version }));
        return { host: '127.0.0.1', port: sim.port, clientId: 1, account: IB_SIM_ACCOUNT, contracts: AAPL };
      },
      stop: async () => {
        exchange.stop();
        await sim.stop();
      },
      fill: async (direction, price, volume) =>
        exchange.crossFromMarket(AAPL, direction === Direction.SHORT ? 'SELL' : 'BUY', price, volume),
      rejectNext: async () => sim.rejectNext('Insufficient buying power for this order (simulated)'),
      drop: () => sim.restart(),
      fillWhileDown: async (direction, price, volume) =>
        exchange.crossFromMarket(AAPL, direction === Direction.SHORT ? 'SELL' : 'BUY', price, volume),
      restore: () => sim.resume(),
    },
    `IB at server version ${version}`,
  );
}

for (const version of VERSIONS) {
  const test = suite(`IB at server version ${version}: details, depth, history`);
  let sim: TwsSimulator;
  let exchange: SimExchange;
  let me: MainEngine;
  test.before(async () => {
    ({ sim, exchange } = await startIbSimulator({ seed: 4, tickRate: 0, maxVersion: version }));
    me = new MainEngine({ log: false });
    me.addGateway(IbGateway, 'IB');
    await me.connect(
      { host: '127.0.0.1', port: sim.port, clientId: 2, account: '', contracts: 'MSFT-USD-STK' },
      'IB',
    );
  });
  test.after(async () => {
    await me.close();
    exchange.stop();
    await sim.stop();
  });
  test('the negotiated version is the old one; the looked-up contract is listed with its rules', () => {
    assert.is(sim.maxVersion, version);
    const msft = me.getContract('272093.SMART');
    assert.is(msft?.name, 'MICROSOFT CORP');
    assert.is(msft?.pricetick, 0.01);
    assert.is(msft?.minVolume, 1);
  });
  test('depth: five levels a side arrive', async () => {
    me.subscribe({ symbol: AAPL, exchange: Exchange.SMART }, 'IB');
    await until(() => (me.getTick(`${AAPL}.SMART`)?.bidPrice5 ?? 0) > 0, 'five bid levels');
    const t = me.getTick(`${AAPL}.SMART`)!;
    assert.ok(t.askPrice5 > t.askPrice1 && t.askPrice1 > t.bidPrice1 && t.bidPrice1 > t.bidPrice5);
  });
  test('history: minute bars inside the span', async () => {
    const end = Date.now();
    const start = end - 2 * 3_600_000;
    const bars = await me
      .getGateway('IB')
      .queryHistory({ symbol: AAPL, exchange: Exchange.SMART, start, end, interval: Interval.MINUTE });
    assert.ok(bars.length > 0, 'some bars');
    assert.ok(bars.every((b) => b.datetime >= start && b.datetime <= end && b.lowPrice > 0));
  });
  test('fractional quantities: refused before FRACTIONAL_POSITIONS, sent after', () => {
    const req = {
      symbol: AAPL,
      exchange: Exchange.SMART,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 100,
      volume: 0.5,
      offset: Offset.NONE,
    };
    if (version < SERVER_VERSION.FRACTIONAL_POSITIONS) {
      assert.throws(
        () => me.getGateway('IB').sendOrder(req),
        (e: unknown) => e instanceof RequestError && /whole quantities/.test(e.message),
      );
    } else {
      assert.type(me.getGateway('IB').sendOrder(req), 'string');
    }
  });
  test.run();
}
