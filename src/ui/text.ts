// Padding and truncation by display width, not string length: a Chinese character takes two terminal cells,
// so padding '螺纹钢' by .length would leave every later column three cells to the right (blessed-contrib's
// table has exactly this bug, its issue #85).
import stringWidth from 'string-width';

export type Align = 'left' | 'right';

const segmenter = new Intl.Segmenter();

// Names and arrows repeat on every frame; the segmenter behind string-width is slow enough to show in a profile.
const widthCache = new Map<string, number>();
const WIDTH_CACHE_SIZE = 5000;

/** Terminal cells the text occupies. ASCII (the common case: prices, symbols) skips the segmenter. */
export function displayWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let w = widthCache.get(text);
  if (w === undefined) {
    if (widthCache.size >= WIDTH_CACHE_SIZE) widthCache.clear();
    w = stringWidth(text);
    widthCache.set(text, w);
  }
  return w;
}

/** The longest prefix that fits in `width` cells, ending with '…' when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + '…' + ' '.repeat(Math.max(0, width - 1 - used));
}

/** Exactly `width` cells: truncated if too long, padded with spaces on the other side of `align`. */
export function fit(text: string, width: number, align: Align = 'left'): string {
  if (width <= 0) return '';
  const w = displayWidth(text);
  if (w > width) return truncate(text, width);
  const pad = ' '.repeat(width - w);
  return align === 'left' ? text + pad : pad + text;
}

/** Splits text into at most `lines` lines of `width` cells, at spaces where it can; the last line is cut with '…'. */
export function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest && out.length < lines) {
    if (out.length === lines - 1 || displayWidth(rest) <= width) {
      out.push(fit(rest, width).trimEnd());
      break;
    }
    let cut = width;
    while (cut > 0 && displayWidth(rest.slice(0, cut)) > width) cut--;
    const space = rest.lastIndexOf(' ', cut);
    if (space > width / 2) cut = space;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return out;
}

/** Number text with fixed decimals; '' for 0 when blankZero (an empty depth level reads better blank). */
export function formatNumber(value: number, decimals: number, blankZero = false): string {
  if (!Number.isFinite(value)) return '';
  if (blankZero && value === 0) return '';
  return value.toFixed(decimals);
}

/** HH:MM:SS in local time. */
export function formatTime(ts: number): string {
  const d = new Date(ts);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** YYYY-MM-DD HH:MM:SS.mmm in local time. */
export function formatDateTime(ts: number): string {
  const d = new Date(ts);
  const ms = String(d.getMilliseconds()).padStart(3, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${formatTime(ts)}.${ms}`;
}
