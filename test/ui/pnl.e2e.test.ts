// Issue 25: position PnL is marked to the last price live, and the account's floating PnL agrees with it. On the
// real binary in tmux at 200x50 on --demo: a long rb2501 position, the positions tab and the :summary dialog on
// one screen. The position's PnL takes at least two different values with no order event in between
// (the price moved), and each time the summary open beside it says the same floating PnL for SIM CNY.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTraderDir, Tmux } from '../helpers/tmux.js';

let t: Tmux | undefined;
test.after(() => t?.stop());

const positionPnl = (s: string): number | undefined => {
  const m = /rb2501\.SHFE\s+Long\s+2\s+\d+\s+\d+\s+\d+\s+(-?[\d,]+\.\d\d)\s+SIM/.exec(s);
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
};
const summaryPnl = (s: string): number | undefined => {
  const m = /SIM CNY\s+balance .*?float PnL (-?[\d,]+\.\d\d)/.exec(s);
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
};

test('a position’s PnL follows the price, and the summary’s floating PnL with it', async () => {
  const tm = (t = Tmux.start({
    cols: 200,
    rows: 50,
    args: ['--demo', '--trader-dir', tempTraderDir()],
    env: { NO_COLOR: '1' },
  }));
  await tm.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  tm.palette('buy rb2501.SHFE 2');
  tm.keys('5');
  await tm.waitFor((s) => positionPnl(s) !== undefined, 'the long position');
  tm.palette('summary');
  await tm.waitFor('Summary per gateway', 'the summary');
  const seen = new Set<number>();
  await tm.waitFor((s) => {
    const pnl = positionPnl(s);
    // One capture holds both: they agree on the same frame.
    if (pnl === undefined || summaryPnl(s) !== pnl) return false;
    seen.add(pnl);
    return seen.size >= 2;
  }, 'two different PnL figures, each the same in the positions tab and the summary');
  assert.ok(seen.size >= 2, [...seen].join(' '));
  tm.keys('Escape');
});

test.run();
