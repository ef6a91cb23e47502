// Issue 25, "search as Chinese traders type": on the real binary in tmux at 80x24 on --demo, the contract
// search finds 平安银行 by its initials and by full pinyin, 螺纹钢 by `lwg` and `luowen`, still finds by symbol, and the
// palette's Tab completes a symbol typed as initials.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

let t: Tmux | undefined;
test.after(() => t?.stop());

/** The search dialog's result rows as "vtSymbol name" (every row ends in its gateway, SIM). */
function results(screen: string): string[] {
  return screen.split('\n').flatMap((l) => {
    const m = /│(\w+\.[A-Z]+)\s+(\S+)\s.*\sSIM\s+│/.exec(l);
    return m ? [`${m[1]} ${m[2]}`] : [];
  });
}

test('pinyin and initials in the contract search and in palette completion', async () => {
  const tm = (t = Tmux.start({
    cols: 80,
    rows: 24,
    args: ['--demo', '--trader-dir', tempTraderDir()],
    env: { NO_COLOR: '1' },
  }));
  await tm.waitFor('SIM ●', 'connected');
  tm.keys('/');
  await tm.waitFor(/\d+ of \d+ contracts/, 'the search dialog');
  tm.type('payh');
  let screen = await tm.waitFor(/\/ payh\s/, 'payh typed');
  assert.equal(results(screen), ['000001.SZSE 平安银行'], screen);
  // Backspace to "pa": 平安银行 is still found, first.
  tm.keys('BSpace', 'BSpace');
  await tm.waitFor(
    (s) => /\/ pa\s/.test(s) && (results(s)[0]?.includes('平安银行') ?? false),
    '平安银行 first',
  );
  tm.keys('C-u');
  tm.type('pingan');
  // The query line and its results are drawn in one frame: wait for the query, then read the results.
  screen = await tm.waitFor(/\/ pingan\s/, 'pingan typed');
  assert.equal(results(screen)[0], '000001.SZSE 平安银行', screen);
  tm.keys('C-u');
  tm.type('lwg');
  screen = await tm.waitFor(/\/ lwg\s/, 'lwg typed');
  assert.equal(results(screen), ['rb2501.SHFE 螺纹钢2501'], screen);
  // The leading syllables in full, as the issue types them.
  tm.keys('C-u');
  tm.type('luowen');
  screen = await tm.waitFor(/\/ luowen\s/, 'luowen typed');
  assert.equal(results(screen), ['rb2501.SHFE 螺纹钢2501'], screen);
  // The symbol still matches as before, and Enter loads the pick.
  tm.keys('C-u');
  tm.type('000001');
  screen = await tm.waitFor(/\/ 000001\s/, 'the symbol typed');
  assert.equal(results(screen), ['000001.SZSE 平安银行'], screen);
  tm.keys('Enter');
  await tm.waitFor('loaded 000001.SZSE', 'the pick loaded');
  await tm.waitFor(/Name\s+平安银行/, 'the ticket shows it');
  tm.keys('Escape');
  await tm.waitFor('Tab ticket', 'focus back on the tables');

  // The palette completes initials to the symbol.
  tm.keys(':');
  tm.type('sub zsyh');
  tm.keys('Tab');
  await tm.waitFor(/^:sub 600036\.SSE\s*$/m, 'zsyh completed to 招商银行’s symbol');
  tm.keys('Escape');
});

test.run();
