// Pinyin keys for contract names, so a trader can find 平安银行 by `payh` (initials) or `pingan` (full
// pinyin) as they would in any Chinese trading terminal. pinyin-pro reads a run of Chinese characters as words,
// which picks the right reading of a polyphone (银行 is yin-hang, 行情 is hang-qing; 重庆 is chong-qing).
import { pinyin } from 'pinyin-pro';

/** A name's pinyin, lower case, with everything that is not Chinese kept as it is (螺纹钢2501 → luowengang2501). */
export interface PinyinKeys {
  full: string;
  initials: string;
}

const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const HAS_HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Keys per contract name, each worked out once. Names share their Chinese runs (螺纹钢2501, 螺纹钢2505, and the
 * hundreds of strikes of one option series), so the dictionary is asked once per run, not once per contract.
 */
export class PinyinIndex {
  private readonly byName = new Map<string, PinyinKeys | null>();
  private readonly byRun = new Map<string, PinyinKeys>();

  /** Works out a name's keys ahead of any search (called when a contract arrives). */
  add(name: string): void {
    this.get(name);
  }

  /** The name's keys, or undefined when it has no Chinese characters (its own text already matches). */
  get(name: string): PinyinKeys | undefined {
    let keys = this.byName.get(name);
    if (keys === undefined) {
      keys = HAS_HAN.test(name) ? this.compute(name) : null;
      this.byName.set(name, keys);
    }
    return keys ?? undefined;
  }

  get size(): number {
    return this.byName.size;
  }

  private compute(name: string): PinyinKeys {
    let full = '';
    let initials = '';
    let last = 0;
    for (const m of name.matchAll(HAN_RUN)) {
      const other = name.slice(last, m.index).toLowerCase();
      const run = this.run(m[0]);
      full += other + run.full;
      initials += other + run.initials;
      last = m.index + m[0].length;
    }
    const tail = name.slice(last).toLowerCase();
    return { full: full + tail, initials: initials + tail };
  }

  private run(text: string): PinyinKeys {
    let keys = this.byRun.get(text);
    if (!keys) {
      const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) =>
        s.toLowerCase(),
      );
      keys = { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
      this.byRun.set(text, keys);
    }
    return keys;
  }
}
