// The contract info panel's content, against a real MainEngine and the fake gateway: an option shows its
// expiry, strike and right; gateway abilities, configured limits, a held position and the last tick all show,
// and what the gateway does not know is said, not shown as zero.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, OptionType, Product } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { EventEngine } from '../../src/core/event.js';
import { createContract, createPosition, createTick } from '../../src/core/object.js';
import { contractInfo } from '../../src/ui/contract-info.js';
import { NO_LIMITS, parseOrderLimits } from '../../src/ui/order-limits.js';
import { formatDateTime } from '../../src/ui/text.js';
import { FakeGateway } from '../helpers/fake-gateway.js';
import { settle } from '../helpers/wait.js';

const open: MainEngine[] = [];
test.after.each(async () => {
  for (const me of open.splice(0)) await me.close();
});

async function engine(): Promise<MainEngine> {
  const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
  open.push(me);
  me.addGateway(FakeGateway);
  await me.connect({ account: 'a', password: 'p' }, 'FAKE');
  await settle(me.eventEngine);
  return me;
}

const expiry = Date.UTC(2025, 2, 26, 7, 0, 0);
const option = createContract({
  gatewayName: 'FAKE',
  symbol: 'm2505-C-3000',
  exchange: Exchange.DCE,
  name: '豆粕购2505-3000',
  product: Product.OPTION,
  size: 10,
  pricetick: 0.5,
  optionType: OptionType.CALL,
  optionStrike: 3000,
  optionUnderlying: 'm2505',
  optionExpiry: expiry,
  historyData: true,
});

test('an option: right, strike, underlying, expiry; no tick and flat so far; default limits', async () => {
  const me = await engine();
  me.getGateway('FAKE').onContract(option);
  await settle(me.eventEngine);
  const info = contractInfo(me, me.getContract(option.vtSymbol, 'FAKE')!, NO_LIMITS);
  assert.is(info['Gateway'], 'FAKE');
  assert.is(info['Exchange'], 'DCE');
  assert.is(info['Product'], 'Option');
  assert.is(info['Size'], '10 (contract multiplier)');
  assert.is(info['Price tick'], '0.5');
  assert.is(info['Option type'], 'Call');
  assert.is(info['Strike'], '3000');
  assert.is(info['Underlying'], 'm2505');
  assert.is(info['Expiry'], formatDateTime(expiry));
  assert.match(info['History']!, /^yes/);
  assert.match(info['Net position']!, /^no \(long and short held apart\)/);
  assert.is(info['Max volume'], '100 (default)');
  assert.is(info['Held'], 'flat');
  assert.match(info['Tick']!, /none yet/);
  assert.is(info['Last'], undefined);
});

test('a future: no option fields; configured limits, the held position and the last tick', async () => {
  const me = await engine();
  const gw = me.getGateway('FAKE');
  // The fake gateway lists rb2501.SHFE (螺纹钢2501, size 10, tick 1) on connect.
  gw.onPosition(
    createPosition({
      gatewayName: 'FAKE',
      symbol: 'rb2501',
      exchange: Exchange.SHFE,
      direction: Direction.SHORT,
      volume: 3,
      ydVolume: 1,
      price: 3850,
    }),
  );
  gw.onTick(
    createTick({
      gatewayName: 'FAKE',
      symbol: 'rb2501',
      exchange: Exchange.SHFE,
      datetime: Date.now(),
      lastPrice: 3851,
      limitUp: 4119,
      limitDown: 3581,
    }),
  );
  await settle(me.eventEngine);
  const limits = parseOrderLimits({ contracts: { 'rb2501.SHFE': { maxVolume: 20, volume: 2 } } });
  const info = contractInfo(me, me.getContract('rb2501.SHFE', 'FAKE')!, limits);
  assert.is(info['Option type'], undefined);
  assert.is(info['Max volume'], '20');
  assert.is(info['Ticket volume'], '2');
  assert.match(info['Held']!, /^Short 3 @ 3850 \(yd 1, frozen 0, pnl /);
  assert.match(info['Last']!, /^3851 × /);
  assert.is(info['Limit up/down'], '4119 / 3581');
  assert.is(info['Order types'], 'Limit');
  assert.match(info['Offsets']!, /^yes/);
  assert.is(info['Amend'], 'cancel and replace');
  // The fake gateway says nothing of margin, fees or hours: dashes, not zeros.
  assert.is(info['Margin'], '—');
  assert.is(info['Fees'], '—');
  assert.is(info['Trading hours'], '—');
});

test("an option's tick: the underlying's last price when the gateway knows it, nothing when not", async () => {
  const me = await engine();
  const gw = me.getGateway('FAKE');
  gw.onContract(option);
  const tick = (fields: Record<string, unknown>) =>
    gw.onTick({
      ...createTick({
        gatewayName: 'FAKE',
        symbol: option.symbol,
        exchange: Exchange.DCE,
        datetime: Date.now(),
        lastPrice: 41,
      }),
      ...fields,
    });
  tick({});
  await settle(me.eventEngine);
  const info = () => contractInfo(me, me.getContract(option.vtSymbol, 'FAKE')!, NO_LIMITS);
  assert.match(info()['Last']!, /^41 × /);
  assert.is(info()['Underlying last'], undefined);
  tick({ underlyingPrice: 3012.5 });
  await settle(me.eventEngine);
  assert.is(info()['Underlying last'], '3012.5 (m2505)');
  // What a mirror might pass on: not a price, not shown.
  tick({ underlyingPrice: 'x' });
  await settle(me.eventEngine);
  assert.is(info()['Underlying last'], undefined);
});

test('margin, fees and trading hours as the gateway gives them', async () => {
  const me = await engine();
  me.getGateway('FAKE').onContract({
    ...option,
    currency: 'CNY',
    marginRatio: { long: 0.12, short: 0.15 },
    commission: { rate: 0.0001, perLot: 1.5 },
    tradingHours: '09:00-10:15,10:30-11:30,13:30-15:00,21:00-23:00',
  });
  await settle(me.eventEngine);
  const info = contractInfo(me, me.getContract(option.vtSymbol, 'FAKE')!, NO_LIMITS);
  assert.is(info['Margin'], 'long 12%, short 15% of notional');
  assert.is(info['Fees'], '0.01% of turnover + 1.5 CNY per lot');
  assert.is(info['Trading hours'], '09:00-10:15,10:30-11:30,13:30-15:00,21:00-23:00');
});

test('margin by volume, fees that differ by close, and maker fees apart from taker fees', async () => {
  const me = await engine();
  const gw = me.getGateway('FAKE');
  const show = async (extra: Partial<typeof option>) => {
    gw.onContract({ ...option, currency: 'CNY', ...extra });
    await settle(me.eventEngine);
    return contractInfo(me, me.getContract(option.vtSymbol, 'FAKE')!, NO_LIMITS);
  };
  let info = await show({
    marginRatio: { long: 0.1, short: 0.1, longPerLot: 50, shortPerLot: 50 },
    commission: {
      rate: 0.0001,
      perLot: 0,
      close: { rate: 0.0001, perLot: 0 },
      closeToday: { rate: 0, perLot: 3 },
    },
  });
  assert.is(info['Margin'], '10% of notional + 50 CNY per lot');
  assert.is(info['Fees'], 'open 0.01% of turnover; close 0.01% of turnover; close today 3 CNY per lot');
  info = await show({ marginRatio: { long: 0, short: 0.12, longPerLot: 800 } });
  assert.is(info['Margin'], 'long 800 CNY per lot, short 12% of notional');
  info = await show({ commission: { rate: 0.0004, perLot: 0, maker: -0.0001 } });
  assert.is(info['Fees'], 'taker 0.04% of turnover, maker -0.01%');
  info = await show({ commission: { rate: 0.001, perLot: 0, maker: 0.001 } });
  assert.is(info['Fees'], '0.1% of turnover');
});

test.run();
