// Mouse input: the reports a terminal sends once asked to (SGR 1006, else the old X10 form), read into events,
// and the pure mapping from a screen cell to what is drawn there. The console decides what an event does;
// nothing here trades. A chunk of input may carry several reports (a wheel turned fast), so all are read, not
// just the first as blessed's own reader does.
import type blessed from 'blessed';
import { displayWidth } from './text.js';

export type MouseAction = 'press' | 'release' | 'wheelup' | 'wheeldown' | 'move';

export interface MouseEvent {
  action: MouseAction;
  button: 'left' | 'middle' | 'right' | 'none';
  /** Zero-based screen column and row. */
  x: number;
  y: number;
  shift: boolean;
  meta: boolean;
  ctrl: boolean;
}

/** Press and release reporting, in the SGR encoding where the terminal has it (it ignores what it lacks). */
export const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';
export const MOUSE_OFF = '\x1b[?1006l\x1b[?1000l';

/** Rows a table's selection moves per wheel notch, and bars the chart scrolls. */
export const WHEEL_ROWS = 3;

// ESC [ < b ; x ; y (M press | m release), or ESC [ M and three bytes of 32 + b, x, y (1-based).
const REPORT = /\x1b\[<(\d+);(\d+);(\d+)([Mm])|\x1b\[M([\s\S])([\s\S])([\s\S])/g;

/** Every mouse report in a chunk of terminal input, in order; anything else in it is skipped. */
export function parseMouse(text: string): MouseEvent[] {
  const out: MouseEvent[] = [];
  for (const m of text.matchAll(REPORT)) {
    const sgr = m[1] !== undefined;
    const b = sgr ? Number(m[1]) : m[5]!.charCodeAt(0) - 32;
    const x = (sgr ? Number(m[2]) : m[6]!.charCodeAt(0) - 32) - 1;
    const y = (sgr ? Number(m[3]) : m[7]!.charCodeAt(0) - 32) - 1;
    // A report with no position (X10 past column 223, a broken sequence) is not a place on the screen.
    if (!(x >= 0 && y >= 0 && Number.isSafeInteger(x) && Number.isSafeInteger(y) && b >= 0)) continue;
    const low = b & 3;
    const button = low === 0 ? 'left' : low === 1 ? 'middle' : low === 2 ? 'right' : 'none';
    let action: MouseAction;
    if (b & 64) action = low === 0 ? 'wheelup' : low === 1 ? 'wheeldown' : 'move';
    else if (b & 32) action = 'move';
    else if (sgr) action = m[4] === 'M' ? 'press' : 'release';
    // X10 reports a release as button 3, without saying which.
    else action = low === 3 ? 'release' : 'press';
    out.push({
      action,
      button: action === 'press' || action === 'release' ? button : 'none',
      x,
      y,
      shift: (b & 4) !== 0,
      meta: (b & 8) !== 0,
      ctrl: (b & 16) !== 0,
    });
  }
  return out;
}

/** The input with every mouse report taken out: what was typed in the same instant. */
export function withoutReports(text: string): string {
  return text.replace(REPORT, '');
}

export interface Area {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** Where a screen cell falls inside an area (row and column from its top left), or undefined outside it. */
export function pointIn(area: Area, x: number, y: number): { row: number; col: number } | undefined {
  const row = y - area.top;
  const col = x - area.left;
  if (row < 0 || col < 0 || row >= area.height || col >= area.width) return undefined;
  return { row, col };
}

/** The inside of a bordered area. */
export function innerArea(area: Area): Area {
  return {
    top: area.top + 1,
    left: area.left + 1,
    width: Math.max(0, area.width - 2),
    height: Math.max(0, area.height - 2),
  };
}

/** Which of the texts laid end to end (a tab bar) holds column `col`, counted from the first's start. */
export function segmentAt(segments: readonly string[], col: number): number | undefined {
  if (col < 0) return undefined;
  let start = 0;
  for (let i = 0; i < segments.length; i++) {
    const end = start + displayWidth(segments[i]!);
    if (col < end) return i;
    start = end;
  }
  return undefined;
}

/** Where a blessed element is on the screen now (absolute, as laid out for the current size). */
export function areaOf(el: blessed.Widgets.BlessedElement): Area {
  return {
    top: Number(el.atop),
    left: Number(el.aleft),
    width: Number(el.width),
    height: Number(el.height),
  };
}
