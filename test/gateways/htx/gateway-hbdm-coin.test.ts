// HBDM on coin-M swaps (product "coin-M swap") end to end against the HTX simulator's /swap-api paths and
// coin-M links: contracts of 100 USD, a tick with its turnover in USD, accounts in the coin, long and short
// held apart with open/close offsets, cancel, and a fill while the links are down reconciled once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, GatewayStatus } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { HbdmGateway } from '../../../gateways/htx/index.js';
import { until } from '../../helpers/wait.js';
import { quietSim } from './target.js';
import {
  fillWhileDown,
  hbdmCoinSettingFor,
  hbdmSession,
  openCloseCancel,
  type HbdmSession,
} from './target-hbdm.js';

const open: HbdmSession[] = [];

async function session(extra: GatewaySetting = {}): Promise<HbdmSession> {
  const s = await hbdmSession(hbdmCoinSettingFor, extra);
  open.push(s);
  return s;
}

test.after.each(async () => {
  for (const s of open.splice(0)) await s.close();
});

test('contracts are coin-M: BTC-USD of 100 USD, no USDT-M contract is loaded', async () => {
  const s = await session();
  const c = s.me.getContract('BTC-USD.HUOBI');
  assert.ok(c, 'BTC-USD is listed');
  assert.is(c!.size, 100);
  assert.is(c!.pricetick, 0.1);
  assert.is(c!.currency, 'USD');
  assert.match(c!.name, /coin-M/);
  assert.is(s.me.getContract('BTC-USDT.HUOBI'), undefined, 'the USDT-M list is not read');
  assert.ok(
    s.logs.some((l) => /coin-M swaps/.test(l.msg)),
    'the log names the product',
  );
});

test('the account is the coin, its balance in the coin', async () => {
  const s = await session();
  await until(() => s.me.getAllAccounts().some((a) => a.accountid === 'BTC'), 'a BTC account');
  const btc = s.me.getAllAccounts().find((a) => a.accountid === 'BTC')!;
  assert.is(btc.currency, 'BTC');
  // The simulator's 1,000,000 USD wallet stated in BTC at 96,500.
  assert.ok(Math.abs(btc.balance - 1_000_000 / 96500) < 1e-6, `balance ${btc.balance}`);
});

test('a tick from /swap-ws: five levels, last, volume in contracts and turnover in USD', async () => {
  const s = await session();
  s.me.subscribe({ symbol: 'BTC-USD', exchange: Exchange.HUOBI }, 'HBDM');
  await until(() => (s.me.getTick('BTC-USD.HUOBI')?.bidPrice1 ?? 0) > 0, 'a tick with a bid');
  s.sim.exchange.crossFromMarket('BTC-USD', 'BUY', 200000, 3);
  await until(() => (s.me.getTick('BTC-USD.HUOBI')?.volume ?? 0) >= 3, 'volume counted');
  const t = s.me.getTick('BTC-USD.HUOBI')!;
  assert.ok(t.askPrice1 > t.bidPrice1, 'ask above bid');
  assert.ok(t.lastPrice > 0, 'a last price');
  assert.is(t.turnover, t.volume * 100, 'turnover is contracts × 100 USD');
});

test('open a long, open a short, close the long; cancel a resting order', async () => {
  await openCloseCancel(await session(), 'BTC-USD');
});

test('a fill while the links are down is reconciled after the reconnect, once', async () => {
  await fillWhileDown(await session(), 'BTC-USD');
});

test('an unknown product is refused at connect with the choices named', async () => {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  me.addGateway(HbdmGateway, 'HBDM');
  open.push({
    me,
    sim,
    logs: [],
    trades: [],
    close: async () => {
      await me.close();
      await sim.close();
    },
  });
  try {
    await me.connect(hbdmCoinSettingFor(sim, { product: 'options' }), 'HBDM');
    assert.unreachable('connected with an unknown product');
  } catch (error) {
    assert.match((error as Error).message, /USDT-M swap, USDT-M futures, coin-M swap/);
  }
  assert.is.not(me.getGateway('HBDM').status, GatewayStatus.CONNECTED);
});

test.run();
