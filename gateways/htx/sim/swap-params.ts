// The checks an HBDM order body and a trigger order body share (volume, direction, offset, lever_rate), with
// the err_codes HTX's error-code list gives them: 1067 for an illegal parameter, 1045 for another leverage.
import type { Params } from './venue.js';

export interface ParamProblem {
  code: number;
  msg: string;
}

/** Undefined when volume, direction, offset and `lever` (the lever_rate asked) are acceptable. */
export function sideProblem(body: Params, lever: number, leverRate: number): ParamProblem | undefined {
  const volume = Number(body.volume);
  if (!Number.isInteger(volume) || volume <= 0) return { code: 1067, msg: 'Illegal parameter volume' };
  if (body.direction !== 'buy' && body.direction !== 'sell')
    return { code: 1067, msg: 'Illegal parameter direction' };
  if (body.offset !== 'open' && body.offset !== 'close')
    return { code: 1067, msg: 'Illegal parameter offset' };
  if (lever !== leverRate)
    return { code: 1045, msg: 'Unable to switch leverage due to current holdings or open orders.' };
  return undefined;
}
