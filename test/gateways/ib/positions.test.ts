// A position's identity across reconnects: TWS lists a stock on several exchanges (one CONTRACT_DATA per
// listing, same conId), and the position must stay under one vtSymbol whichever listing arrived last.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GatewayStatus, OrderType } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { IbGateway } from '../../../gateways/ib/index.js';
import { IB_SIM_ACCOUNT, startIbSimulator } from '../../../gateways/ib/sim/index.js';
import { nextEvent, until } from '../../helpers/wait.js';

void process.stderr;

const TSLA = '76792991';

test('TSLA listed SMART then AMEX: 500 shares stay one position under one vtSymbol after a reconnect', async () => {
  const { sim, exchange } = await startIbSimulator({ seed: 5, tickRate: 0 });
  // The account holds 500 TSLA before vnt connects (bought outside this session).
  const seed = exchange.placeOrder(IB_SIM_ACCOUNT, {
    symbol: TSLA,
    side: 'BUY',
    type: OrderType.LIMIT,
    price: 250,
    volume: 500,
    clientOrderId: 'held-before',
  });
  assert.ok(seed.ok, 'the seeding order is accepted');
  exchange.crossFromMarket(TSLA, 'SELL', 250, 500);
  await until(
    () => exchange.getPositions(IB_SIM_ACCOUNT).some((p) => p.symbol === TSLA && p.volume === 500),
    'the simulated account to hold 500 TSLA',
  );
  const me = new MainEngine({ log: false });
  me.addGateway(IbGateway, 'IB');
  try {
    // Looked up by symbol: TWS answers with every listing, SMART first and AMEX last.
    await me.connect(
      { host: '127.0.0.1', port: sim.port, clientId: 3, account: '', contracts: 'TSLA-USD-STK' },
      'IB',
    );
    const tsla = () => me.getAllPositions().filter((p) => p.symbol === TSLA);
    await until(() => tsla().length > 0, 'the TSLA position');
    const first = tsla().map((p) => p.vtSymbol);

    const down = nextEvent(me.eventEngine, 'gateway', (e) => e.data.status === GatewayStatus.RECONNECTING);
    await sim.restart();
    await down;
    const up = nextEvent(me.eventEngine, 'gateway', (e) => e.data.status === GatewayStatus.CONNECTED);
    await sim.resume();
    // Dispatched after every position event of the reconnect's sync, which were put before it.
    await up;

    assert.equal(
      tsla().map((p) => [p.vtSymbol, p.volume]),
      [[first[0], 500]],
      `one TSLA position of 500 (before the reconnect: ${first.join(', ')})`,
    );
    const contracts = me.getAllContracts().filter((c) => c.symbol === TSLA);
    assert.equal(
      contracts.map((c) => c.vtSymbol),
      [first[0]],
      'one contract for the conId, under the same vtSymbol as the position',
    );
    assert.is(first[0], `${TSLA}.SMART`, 'a stock TWS routes by SMART is listed as SMART');
  } finally {
    await me.close();
    exchange.stop();
    await sim.stop();
  }
});

test.run();
