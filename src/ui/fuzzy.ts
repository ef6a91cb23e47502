// Fuzzy matching for the contract search: every query word must appear in order (not necessarily adjacent)
// in the candidate text; contiguous runs, word starts and an exact prefix score higher.
import type { ContractData } from '../core/object.js';
import type { PinyinIndex } from './pinyin.js';

/** Score of the query against text (higher is better), or -1 when some character of the query is missing. */
export function fuzzyScore(query: string, text: string): number {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  if (!q) return 0;
  if (t.startsWith(q)) return 1000 - t.length;
  let score = 0;
  let ti = 0;
  let run = 0;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return -1;
    run = found === ti ? run + 1 : 1;
    score += run * 2 + (found === 0 || /[\s._-]/.test(t[found - 1] ?? '') ? 5 : 0);
    ti = found + ch.length;
  }
  return score;
}

/**
 * Contracts matching every word of the query against symbol, name, exchange, gateway and, given an index, the
 * name's pinyin and its initials, best first.
 */
export function searchContracts(
  query: string,
  contracts: readonly ContractData[],
  limit = 50,
  pinyin?: PinyinIndex,
): ContractData[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const scored: { c: ContractData; s: number }[] = [];
  for (const c of contracts) {
    let total = 0;
    const keys = pinyin?.get(c.name);
    for (const w of words) {
      const s = Math.max(
        fuzzyScore(w, c.symbol) * 2,
        fuzzyScore(w, c.name),
        fuzzyScore(w, c.exchange),
        fuzzyScore(w, c.vtSymbol),
        fuzzyScore(w, c.gatewayName),
        keys ? fuzzyScore(w, keys.initials) : -1,
        keys ? fuzzyScore(w, keys.full) : -1,
      );
      if (s < 0) {
        total = -1;
        break;
      }
      total += s;
    }
    if (total >= 0) scored.push({ c, s: total });
  }
  scored.sort((a, b) => b.s - a.s || a.c.vtSymbol.localeCompare(b.c.vtSymbol));
  return scored.slice(0, limit).map((x) => x.c);
}
