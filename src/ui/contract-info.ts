// The contract info panel (`i` on a tick row, `:info <vtSymbol> [gateway]`): everything known about one listing
// in words a trader reads — the contract's own fields, what its gateway can do with it, this console's limits for
// it, what is held, and the last tick. A field the gateway does not know stays out rather than read as zero.
import { Direction, Product } from '../core/constant.js';
import type { MainEngine } from '../core/engine.js';
import { label } from '../core/labels.js';
import type { ContractData, Fee } from '../core/object.js';
import { formatVolume, tradingLot } from '../core/validate.js';
import { amendModeOf, type AmendMode } from './dialogs/amend.js';
import { DEFAULT_LOTS, limitFor, type OrderLimits } from './order-limits.js';
import { formatDateTime } from './text.js';

/** What the info panel says for a field the gateway does not know. */
export const UNKNOWN = '—';

const percent = (x: number): string => `${Number((x * 100).toFixed(4))}%`;

/** A fraction of some base plus an amount per lot, or "none". */
function rateText(ratio: number, of: string, perLot: number, currency: string): string {
  const parts: string[] = [];
  if (ratio) parts.push(`${percent(ratio)} of ${of}`);
  if (perLot) parts.push(`${perLot}${currency ? ' ' + currency : ''} per lot`);
  return parts.join(' + ') || 'none';
}

function marginText(m: NonNullable<ContractData['marginRatio']>, currency: string): string {
  if (!m.longPerLot && !m.shortPerLot) {
    const both = m.long === m.short ? percent(m.long) : `long ${percent(m.long)}, short ${percent(m.short)}`;
    return `${both} of notional`;
  }
  const long = rateText(m.long, 'notional', m.longPerLot ?? 0, currency);
  const short = rateText(m.short, 'notional', m.shortPerLot ?? 0, currency);
  return long === short ? long : `long ${long}, short ${short}`;
}

const oneFee = (f: Fee, currency: string): string => rateText(f.rate, 'turnover', f.perLot, currency);

function feeText(f: NonNullable<ContractData['commission']>, currency: string): string {
  const open = oneFee(f, currency);
  const close = f.close ? oneFee(f.close, currency) : open;
  const today = f.closeToday ? oneFee(f.closeToday, currency) : close;
  if (typeof f.maker === 'number' && f.maker !== f.rate) return `taker ${open}, maker ${percent(f.maker)}`;
  if (open === close && close === today) return open;
  const text = `open ${open}; close ${close}`;
  return today === close ? text : `${text}; close today ${today}`;
}

const yesNo = (v: boolean, yes: string, no: string): string => (v ? `yes (${yes})` : `no (${no})`);

const AMEND_WORDS: Record<AmendMode, string> = {
  'in place': 'in place',
  replace: 'replaced under a new id',
  'cancel and replace': 'cancel and replace',
};

/** Field name → text, in reading order; section headings are fields with an empty value. */
export function contractInfo(me: MainEngine, c: ContractData, limits: OrderLimits): Record<string, string> {
  const info: Record<string, string> = {
    Gateway: c.gatewayName,
    vtSymbol: c.vtSymbol,
    Symbol: c.symbol,
    Exchange: c.exchange,
    Name: c.name,
    Product: label('Product', c.product),
    Size: `${c.size} (contract multiplier)`,
    'Price tick': String(c.pricetick),
    'Min volume': formatVolume(c.minVolume),
    'Volume step': formatVolume(c.volumeStep),
  };
  if (c.currency) info['Currency'] = c.currency;
  if (c.product === Product.OPTION || c.optionType !== null) {
    info['Option type'] = c.optionType ? label('OptionType', c.optionType) : '';
    info['Strike'] = c.optionStrike ? String(c.optionStrike) : '';
    info['Underlying'] = c.optionUnderlying;
    info['Expiry'] = c.optionExpiry !== null ? formatDateTime(c.optionExpiry) : '';
  }
  // Where the gateway does not say, a dash: a margin or fee guessed from elsewhere would mislead.
  info['Margin'] = c.marginRatio ? marginText(c.marginRatio, c.currency) : UNKNOWN;
  info['Fees'] = c.commission ? feeText(c.commission, c.currency) : UNKNOWN;
  // A mirrored contract's optional fields come as the remote end sent them: text only if it is text.
  info['Trading hours'] = (typeof c.tradingHours === 'string' && c.tradingHours.trim()) || UNKNOWN;
  info['Net position'] = yesNo(c.netPosition, 'one net position', 'long and short held apart');
  info['Stop orders'] = yesNo(c.stopSupported, 'the venue holds them', 'not supported');
  info['History'] = yesNo(c.historyData, 'bars from the gateway', 'no bars');

  const caps = me.getCapabilities(c.gatewayName, c.vtSymbol);
  info['── gateway'] = '';
  info['Order types'] = caps.orderTypes.map((t) => label('OrderType', t)).join(', ');
  info['Offsets'] = yesNo(caps.offsets, 'open/close asked', 'none');
  info['Amend'] = AMEND_WORDS[amendModeOf(caps)];

  const limit = limitFor(limits, c.vtSymbol);
  info['── limits'] = '';
  info['Max volume'] =
    limit.maxVolume !== undefined
      ? String(limit.maxVolume)
      : `${formatVolume(DEFAULT_LOTS * tradingLot(c))} (default)`;
  info['Max notional'] = limit.maxNotional !== undefined ? String(limit.maxNotional) : 'none';
  info['Ticket volume'] = formatVolume(limit.volume ?? tradingLot(c));

  const held = me
    .getAllPositions()
    .filter((p) => p.gatewayName === c.gatewayName && p.vtSymbol === c.vtSymbol && p.volume !== 0);
  info['── position'] = '';
  info['Held'] = held.length
    ? held
        .map((p) => {
          const side =
            p.direction === Direction.NET
              ? p.volume > 0
                ? 'Long'
                : 'Short'
              : label('Direction', p.direction);
          return `${side} ${Math.abs(p.volume)} @ ${p.price} (yd ${p.ydVolume}, frozen ${p.frozen}, pnl ${p.pnl.toFixed(2)})`;
        })
        .join('; ')
    : 'flat';

  const tick = me.getTick(c.vtSymbol, c.gatewayName);
  info['── last tick'] = '';
  if (!tick) {
    info['Tick'] = 'none yet (not subscribed?)';
    return info;
  }
  info['Time'] = formatDateTime(tick.datetime);
  info['Last'] = `${tick.lastPrice} × ${tick.lastVolume}`;
  info['Bid / ask'] = `${tick.bidPrice1} × ${tick.bidVolume1} / ${tick.askPrice1} × ${tick.askVolume1}`;
  if (tick.openPrice) info['Open high low'] = `${tick.openPrice} ${tick.highPrice} ${tick.lowPrice}`;
  if (tick.preClose) info['Pre close'] = String(tick.preClose);
  if (tick.limitUp || tick.limitDown) info['Limit up/down'] = `${tick.limitUp} / ${tick.limitDown}`;
  info['Volume'] = String(tick.volume);
  info['Turnover'] = String(tick.turnover);
  if (tick.openInterest) info['Open interest'] = String(tick.openInterest);
  // A mirrored tick's optional field comes as the remote end sent it: shown only if it is a price.
  const under = tick.underlyingPrice;
  if (typeof under === 'number' && Number.isFinite(under) && under > 0)
    info['Underlying last'] = `${under}${c.optionUnderlying ? ` (${c.optionUnderlying})` : ''}`;
  return info;
}
