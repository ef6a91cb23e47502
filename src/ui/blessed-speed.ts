// Faster equivalents of two blessed 0.1.81 Element internals that dominate a frame under a flood of ticks, with
// the same results (test/ui/blessed-speed.test.ts holds them to blessed's own on the console's content):
// - _parseTags turns {tags} into escape codes. Blessed's cuts the rest of the text after every tag and
//   re-scans it with a lookahead regex, and spells each tag out again; a frame of the candle chart (some
//   5,000 colour runs) spent 3 ms there. Here: one pass of a global regex, each tag's code looked up once.
// - _parseAttr works out each line's starting attribute; blessed runs it over the whole content on every
//   render, also when the content did not change. Here it is kept with the parsed lines it was worked out
//   from, for the style it was worked out with.
// - Screen.attrCode reads an escape code into a cell attribute, for every code of every element on every
//   render; it depends on nothing but its arguments, so each reading is kept.
import blessed from 'blessed';

interface ProgramLike {
  _attr(param: string, val?: boolean): string | null;
}

type ParsedLines = string[] & { attrFor?: number; attrLines?: number; attrs?: number[] | undefined };

interface ScreenInternals {
  attrCode(code: string, cur: number, def: number): number;
}

interface ElementInternals {
  parseTags: boolean;
  screen: { program: ProgramLike };
  style: unknown;
  sattr(style: unknown): number;
  _parseTags(text: string): string;
  _parseAttr(lines: ParsedLines): number[] | undefined;
}

/** The tags blessed knows: the same pattern its parser looks for. */
const TAG = /{(\/?)([\w\-,;!#]*)}/g;

const codes = new WeakMap<ProgramLike, Map<string, string | null>>();

/** program._attr(param, val), once per program, param and direction (it depends on nothing else). */
function codeOf(program: ProgramLike, param: string, closing: boolean): string | null {
  let known = codes.get(program);
  if (!known) codes.set(program, (known = new Map()));
  const key = closing ? `/${param}` : param;
  let code = known.get(key);
  if (code === undefined) {
    code = closing ? program._attr(param, false) : program._attr(param);
    known.set(key, code);
  }
  return code;
}

/** Blessed's _parseTags, in one pass; {escape} (which the console never writes) is left to blessed's own. */
export function parseTags(program: ProgramLike, text: string): string {
  let out = '';
  let last = 0;
  const bg: string[] = [];
  const fg: string[] = [];
  const flag: string[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    out += text.slice(last, m.index);
    last = TAG.lastIndex;
    const slash = m[1] === '/';
    const param = m[2]!.replace(/-/g, ' ');
    if (param === 'open') {
      out += '{';
      continue;
    }
    if (param === 'close') {
      out += '}';
      continue;
    }
    const state = param.endsWith(' bg') ? bg : param.endsWith(' fg') ? fg : flag;
    if (!param) {
      if (slash) {
        out += codeOf(program, 'normal', false);
        bg.length = 0;
        fg.length = 0;
        flag.length = 0;
      } else out += m[0];
      continue;
    }
    const code = codeOf(program, param, slash);
    if (code === null) {
      out += m[0];
    } else if (slash) {
      state.pop();
      out += state.length ? codeOf(program, state[state.length - 1]!, false) : code;
    } else {
      state.push(param);
      out += code;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Readings of attrCode by code, current and default attribute. */
const attrCodes = new Map<string, Map<number, Map<number, number>>>();
/** Past this many codes the readings start over: the console uses a few dozen, so this is only a backstop. */
const MAX_CODES = 4096;

let installed = false;

/** Puts the faster equivalents in place of blessed's, once for the process. */
export function speedUpBlessed(): void {
  if (installed) return;
  installed = true;
  const widgets = (
    blessed as unknown as {
      widget: { Element: { prototype: ElementInternals }; Screen: { prototype: ScreenInternals } };
    }
  ).widget;
  const proto = widgets.Element.prototype;
  const blessedParseTags = proto._parseTags;
  proto._parseTags = function (this: ElementInternals, text: string): string {
    if (!this.parseTags) return text;
    if (text.includes('{escape}')) return blessedParseTags.call(this, text);
    return parseTags(this.screen.program, text);
  };
  const blessedParseAttr = proto._parseAttr;
  proto._parseAttr = function (this: ElementInternals, lines: ParsedLines): number[] | undefined {
    const dattr = this.sattr(this.style);
    // Blessed's insertLine adds lines to the parsed ones in place: the attributes are worked out again then.
    if (lines.attrFor === dattr && lines.attrLines === lines.length) return lines.attrs;
    const attrs = blessedParseAttr.call(this, lines);
    lines.attrFor = dattr;
    lines.attrLines = lines.length;
    lines.attrs = attrs;
    return attrs;
  };
  const screenProto = widgets.Screen.prototype;
  const blessedAttrCode = screenProto.attrCode;
  screenProto.attrCode = function (this: ScreenInternals, code: string, cur: number, def: number): number {
    let byCurrent = attrCodes.get(code);
    if (!byCurrent) {
      if (attrCodes.size >= MAX_CODES) attrCodes.clear();
      attrCodes.set(code, (byCurrent = new Map()));
    }
    let byDefault = byCurrent.get(cur);
    if (!byDefault) byCurrent.set(cur, (byDefault = new Map()));
    let attr = byDefault.get(def);
    if (attr === undefined) {
      attr = blessedAttrCode.call(this, code, cur, def);
      byDefault.set(def, attr);
    }
    return attr;
  };
}
