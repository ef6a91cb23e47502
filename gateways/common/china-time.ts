// The Chinese exchanges' and counters' wall clock (UTC+8, no daylight saving) to epoch ms.

/** "20250102" + "09:30:05" (+ ms) in China time (UTC+8) → epoch ms; now if the date is unusable. */
export function chinaTime(date: string, time: string, ms = 0): number {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return Date.now();
  return Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +t[1]! - 8, +t[2]!, +t[3]!, ms);
}
