// Venues take prices and quantities as decimal strings; JavaScript numbers print 0.1 + 0.2 as
// 0.30000000000000004 and 1e-7 in exponent form. This rounds to the venue's step and prints exactly as many
// decimals as the step has.
import { decimalsOf } from '../../src/core/validate.js';

export function formatToStep(value: number, step: number): string {
  if (!(step > 0)) return String(value);
  return (Math.round(value / step) * step).toFixed(decimalsOf(step));
}
