// Draws the price ladder (ladder.ts) in the tables' place: a title line with the volume, the position and
// what a buy or a sell would do to it, then one row per price, then the keys. The cursor row is marked with
// ▶ as well as inverse video, so it reads without colour and in a screen capture.
import blessed from 'blessed';
import { Offset } from '../core/constant.js';
import type { MainEngine } from '../core/engine.js';
import { label } from '../core/labels.js';
import { formatVolume } from '../core/validate.js';
import type { OrderData, PositionData } from '../core/object.js';
import type { Ladder, LadderRow } from './ladder.js';
import { fit, wrap } from './text.js';
import { bold, esc, paint, type Theme } from './theme.js';

export const LADDER_KEYS =
  '↑↓ level  +/- tick  b/s buy/sell at ▶  B/S at ask/bid  l last  1-6 volume  x cancel ▶  F flatten  R reverse  Esc';

export interface LadderState {
  ladder: Ladder;
  orders: OrderData[];
  positions: PositionData[];
}

export class LadderView {
  readonly box: blessed.Widgets.BoxElement;

  constructor(
    parent: blessed.Widgets.Node,
    private readonly mainEngine: MainEngine,
  ) {
    this.box = blessed.box({ parent, tags: true, wrap: false, hidden: true });
  }

  /** The rows that fit: the box less its two title lines, the header and two key lines. */
  bodyRows(): number {
    return Math.max(1, (this.box.height as number) - 5);
  }

  /** The price drawn on a screen row (0-based inside the box), for a mouse click to put the cursor on. */
  rowPriceAt(y: number, state: LadderState): number | undefined {
    const tick = this.mainEngine.getTick(state.ladder.contract.vtSymbol, state.ladder.contract.gatewayName);
    return state.ladder.rows(this.bodyRows(), tick, state.orders)[y - 3]?.price;
  }

  draw(state: LadderState, theme: Theme, status: string): void {
    const { ladder } = state;
    const c = ladder.contract;
    const tick = this.mainEngine.getTick(c.vtSymbol, c.gatewayName);
    const W = Math.max(20, this.box.width as number);
    if (ladder.cursor === undefined) ladder.centre(tick);
    const position = state.positions
      .filter((p) => p.volume !== 0)
      .map((p) => `${label('Direction', p.direction)} ${p.volume}`)
      .join(' ');
    const title = `${bold(esc(fit(`${c.vtSymbol} ${c.name} (${c.gatewayName})`, W - 12).trimEnd()))}  vol ${bold(formatVolume(ladder.volume))}`;
    const state2 = esc(fit(`pos ${position || 'flat'}  ${status}`, W).trimEnd());
    const rows = ladder.rows(this.bodyRows(), tick, state.orders);
    // The widest band's decimals in view size the columns; each row shows its own band's.
    const d = Math.max(0, ...rows.map((r) => ladder.decimalsAt(r.price)));
    const vw = Math.max(6, Math.min(10, Math.floor((W - 14 - d) / 4)));
    const pw = Math.max(8, W - 4 * vw - 6);
    const cell = (n: number): string => (n ? String(Number(n.toFixed(8))) : '');
    const line = (r: LadderRow): string => {
      const mark = r.cursor ? '▶' : ' ';
      const price = `${r.price.toFixed(ladder.decimalsAt(r.price))}${r.last ? ' ◀' : '  '}`;
      const text =
        `${mark}${fit(cell(r.myBuy), vw, 'right')} ${fit(cell(r.bidVolume), vw, 'right')} ` +
        `${fit(price, pw, 'right')} ${fit(cell(r.askVolume), vw, 'right')} ${fit(cell(r.mySell), vw, 'right')}`;
      const colour = r.askVolume ? theme.ask : r.bidVolume ? theme.bid : r.last ? theme.accent : '';
      const painted = paint(esc(text), colour);
      return r.cursor ? `{inverse}${painted}{/inverse}` : r.last ? bold(painted) : painted;
    };
    const header = paint(
      bold(
        esc(
          ` ${fit('My buy', vw, 'right')} ${fit('Bid vol', vw, 'right')} ${fit('Price', pw, 'right')} ${fit('Ask vol', vw, 'right')} ${fit('My sell', vw, 'right')}`,
        ),
      ),
      theme.header,
    );
    const body = rows.length
      ? rows.map(line)
      : [paint(`waiting for a price of ${esc(c.vtSymbol)}`, theme.muted)];
    const out = [title, state2, header, ...body];
    while (out.length < (this.box.height as number) - 2) out.push('');
    for (const l of wrap(LADDER_KEYS, W, 2)) out.push(paint(esc(l), theme.muted));
    this.box.setContent(out.join('\n'));
  }
}

/** "buy→Open sell→CloseToday": what each side would do, where the venue has offsets. */
export function offsetStatus(buy: Offset, sell: Offset): string {
  if (buy === Offset.NONE && sell === Offset.NONE) return '';
  return `buy→${label('Offset', buy)} sell→${label('Offset', sell)}`;
}
