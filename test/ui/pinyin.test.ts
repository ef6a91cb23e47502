// Pinyin search: initials and full pinyin find Chinese-named contracts, polyphones read in context, and the
// symbol/name matching of before still holds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, Product } from '../../src/core/constant.js';
import { createContract } from '../../src/core/object.js';
import { searchContracts } from '../../src/ui/fuzzy.js';
import { PinyinIndex } from '../../src/ui/pinyin.js';

const c = (symbol: string, name: string, exchange: Exchange, product = Product.FUTURES) =>
  createContract({ gatewayName: 'SIM', symbol, exchange, name, product, size: 1, pricetick: 1 });

const all = [
  c('rb2501', '螺纹钢2501', Exchange.SHFE),
  c('rb2505', '螺纹钢2505', Exchange.SHFE),
  c('000001', '平安银行', Exchange.SZSE, Product.EQUITY),
  c('600036', '招商银行', Exchange.SSE, Product.EQUITY),
  c('601318', '中国平安', Exchange.SSE, Product.EQUITY),
  c('600132', '重庆啤酒', Exchange.SSE, Product.EQUITY),
  c('AAPL', 'Apple Inc.', Exchange.NASDAQ, Product.EQUITY),
];

function index(): PinyinIndex {
  const ix = new PinyinIndex();
  for (const x of all) ix.add(x.name);
  return ix;
}

const symbols = (q: string, ix?: PinyinIndex) => searchContracts(q, all, 50, ix).map((x) => x.symbol);

test('keys: full pinyin and initials, lower case, other characters kept', () => {
  const ix = index();
  assert.equal(ix.get('平安银行'), { full: 'pinganyinhang', initials: 'payh' });
  assert.equal(ix.get('螺纹钢2501'), { full: 'luowengang2501', initials: 'lwg2501' });
  assert.equal(ix.get('沪深300指数2501'), { full: 'hushen300zhishu2501', initials: 'hs300zs2501' });
  // Polyphones read as words: 重 is chong in 重庆, 行 is hang in 银行.
  assert.is(ix.get('重庆啤酒')!.initials, 'cqpj');
  assert.is(ix.get('招商银行')!.full, 'zhaoshangyinhang');
  assert.is(ix.get('Apple Inc.'), undefined, 'a name without Chinese has no keys');
  assert.is(ix.size, all.length + 1, 'one entry per name asked for, each kept');
});

test('search by initials, by full pinyin, and as before by symbol and name', () => {
  const ix = index();
  assert.equal(symbols('payh', ix), ['000001']);
  assert.equal(symbols('pa', ix)[0], '000001', '平安银行 (payh) first, 中国平安 (zgpa) after');
  assert.ok(symbols('pa', ix).includes('601318'));
  assert.equal(symbols('pingan', ix), ['000001', '601318']);
  assert.equal(symbols('lwg', ix).sort(), ['rb2501', 'rb2505']);
  assert.equal(symbols('luowen 2505', ix), ['rb2505']);
  assert.equal(symbols('zsyh', ix), ['600036']);
  assert.equal(symbols('cqpj', ix), ['600132']);
  assert.equal(symbols('rb2501', ix), ['rb2501']);
  assert.equal(symbols('螺纹', ix).sort(), ['rb2501', 'rb2505']);
  assert.equal(symbols('aapl', ix), ['AAPL']);
  assert.equal(symbols('payh'), [], 'no index, no pinyin');
  assert.equal(symbols('zzz', ix), []);
});

test.run();
