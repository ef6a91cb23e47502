// Venues take prices and quantities as decimal strings; JavaScript numbers print 0.1 + 0.2 as
// 0.30000000000000004. These round to the venue's step and print exactly as many decimals as the step has.

/** Number of decimals in a step such as 0.001 (3) or 1e-8 (8). */
export function decimalsOf(step: number): number {
  if (!(step > 0)) return 0;
  const text = step.toString();
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/** Rounds to the nearest multiple of step and formats without float noise. */
export function formatToStep(value: number, step: number): string {
  if (!(step > 0)) return String(value);
  const decimals = decimalsOf(step);
  const rounded = Math.round(value / step) * step;
  return rounded.toFixed(decimals);
}

/** True when value is a whole multiple of step (within float noise). */
export function isOnStep(value: number, step: number): boolean {
  if (!(step > 0)) return true;
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9 * Math.max(1, Math.abs(ratio));
}
