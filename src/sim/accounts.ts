// Cash, holds and positions of the simulated exchange's accounts. Three position models, chosen per instrument:
//   hedge — Chinese futures: LONG and SHORT held apart, each with today's and yesterday's volume; the offset
//           says which one an order opens or closes.
//   net   — futures without offsets: one signed position; a buy first reduces a short.
//   spot  — stocks and crypto: holdings bought with cash; a sell needs the holding (keyed by base asset).
// The exchange reserves (freezes) what an order may use when it is accepted, consumes the reserve as it fills
// and releases what is left when it ends, so an account can never spend the same cash or position twice.
import { Direction, Offset, Product } from '../core/constant.js';
import type { InstrumentSpec, RejectCode, SimAccount, SimPosition } from './types.js';

export type PositionMode = 'hedge' | 'net' | 'spot';

export function positionMode(spec: InstrumentSpec): PositionMode {
  if (!(spec.marginRate && spec.marginRate > 0) && spec.product !== Product.FUTURES) return 'spot';
  return spec.offsets === 'open-close' || spec.offsets === 'today-yesterday' ? 'hedge' : 'net';
}

/** Volumes and cash are rounded to this many decimals after every change, so sums of lots stay exact. */
const Q = 1e8;
export function q(x: number): number {
  return Math.round(x * Q) / Q;
}

export interface PositionState {
  readonly key: string;
  readonly symbol: string;
  readonly direction: Direction;
  /** Signed for net positions, >= 0 otherwise. */
  volume: number;
  /** Of volume, opened before today (hedge positions). */
  yd: number;
  /** Held by active closing/selling orders: from yesterday's and today's volume. */
  frozenYd: number;
  frozenTd: number;
  /** Sum of open price × volume of what is held, for the average price. */
  cost: number;
  readonly spec: InstrumentSpec;
}

export interface AccountState {
  readonly id: string;
  readonly currency: string;
  /** Static balance: deposits + realised PnL − commission (spot: also minus what buying cost). */
  cash: number;
  /** Cash reserved by active orders. */
  held: number;
  realizedPnl: number;
  commission: number;
  readonly positions: Map<string, PositionState>;
}

/** What one active order has reserved; consumed as it fills, released when it ends. */
export interface Reserve {
  /** Cash reserved per unit of volume, and in total for what remains. */
  cashPerUnit: number;
  cash: number;
  /** Position reserved from yesterday's and today's volume (closing/selling orders). */
  yd: number;
  td: number;
  position: PositionState | null;
}

export function emptyReserve(): Reserve {
  return { cashPerUnit: 0, cash: 0, yd: 0, td: 0, position: null };
}

export type Refusal = { code: RejectCode; reason: string };

export interface ReserveRequest {
  spec: InstrumentSpec;
  buy: boolean;
  offset: Offset;
  volume: number;
  /** Price used to size the cash reserve (the limit, or the worst price a market order would reach). */
  price: number;
  reduceOnly?: boolean;
}

export class Ledger {
  private readonly accounts = new Map<string, AccountState>();

  constructor(private readonly lastPrice: (symbol: string) => number) {}

  open(id: string, cash: number, currency: string): AccountState {
    const existing = this.accounts.get(id);
    if (existing) return existing;
    const state: AccountState = {
      id,
      currency,
      cash: q(cash),
      held: 0,
      realizedPnl: 0,
      commission: 0,
      positions: new Map(),
    };
    this.accounts.set(id, state);
    return state;
  }

  get(id: string): AccountState | undefined {
    return this.accounts.get(id);
  }

  all(): IterableIterator<AccountState> {
    return this.accounts.values();
  }

  /** Credits a spot holding without cost (initial assets of a new account). */
  deposit(account: AccountState, spec: InstrumentSpec, volume: number): PositionState {
    const pos = this.position(account, spec, Direction.NET, true)!;
    pos.volume = q(pos.volume + volume);
    pos.yd = pos.volume;
    pos.cost = q(pos.cost + volume * this.lastPrice(spec.symbol));
    return pos;
  }

  /** Checks and reserves what an order needs; returns a refusal with a venue-style reason when it cannot. */
  reserve(account: AccountState, req: ReserveRequest, out: Reserve): Refusal | null {
    const { spec, buy, volume } = req;
    const mode = positionMode(spec);
    const notional = req.price * volume * spec.size;
    const commission = notional * (spec.commissionRate ?? 0);
    out.cashPerUnit = 0;
    out.cash = 0;
    out.yd = 0;
    out.td = 0;
    out.position = null;
    if (mode === 'spot') {
      if (buy) return this.holdCash(account, notional + commission, volume, out);
      const pos = this.position(account, spec, Direction.NET, false);
      const free = pos ? pos.volume - pos.frozenYd - pos.frozenTd : 0;
      if (!pos || free < volume - 1e-9) {
        return refuse(
          'INSUFFICIENT_POSITION',
          `insufficient ${holdingName(spec)}: ${q(free)} free, ${volume} to sell`,
        );
      }
      pos.frozenYd = q(pos.frozenYd + volume);
      out.yd = volume;
      out.position = pos;
      return null;
    }
    const margin = notional * (spec.marginRate ?? 0);
    if (mode === 'net') {
      const pos = this.position(account, spec, Direction.NET, false);
      const signed = pos ? pos.volume : 0;
      const reducing = buy ? Math.max(0, Math.min(volume, -signed)) : Math.max(0, Math.min(volume, signed));
      if (req.reduceOnly && reducing < volume - 1e-9) {
        return refuse(
          'INSUFFICIENT_POSITION',
          `reduce-only order of ${volume} exceeds the position (${Math.abs(signed)})`,
        );
      }
      // Conservative: the whole order may open (the position can change before it fills).
      return this.holdCash(account, margin + commission, volume, out);
    }
    // hedge
    if (req.offset === Offset.OPEN || req.offset === Offset.NONE) {
      if (req.offset === Offset.NONE) {
        return refuse('INSUFFICIENT_POSITION', `${spec.symbol} needs an offset (OPEN or CLOSE)`);
      }
      return this.holdCash(account, margin + commission, volume, out);
    }
    const dir = buy ? Direction.SHORT : Direction.LONG;
    const pos = this.position(account, spec, dir, false);
    const ydFree = pos ? pos.yd - pos.frozenYd : 0;
    const tdFree = pos ? pos.volume - pos.yd - pos.frozenTd : 0;
    const what = `${dir === Direction.LONG ? 'long' : 'short'} position`;
    if (spec.offsets === 'today-yesterday') {
      // SHFE/INE: CLOSETODAY closes today's volume only; CLOSE and CLOSEYESTERDAY close yesterday's only.
      if (req.offset === Offset.CLOSETODAY) {
        if (tdFree < volume - 1e-9) {
          return refuse(
            'INSUFFICIENT_POSITION',
            `insufficient today's ${what} to close: ${q(Math.max(0, tdFree))} available, ${volume} requested`,
          );
        }
        out.td = volume;
      } else {
        if (ydFree < volume - 1e-9) {
          return refuse(
            'INSUFFICIENT_POSITION',
            `insufficient yesterday's ${what} to close: ${q(Math.max(0, ydFree))} available, ${volume} requested` +
              (tdFree > 0 ? " (use CLOSETODAY for today's position)" : ''),
          );
        }
        out.yd = volume;
      }
    } else {
      // Other exchanges do not tell today from yesterday: any close takes yesterday's first, then today's.
      if (ydFree + tdFree < volume - 1e-9) {
        return refuse(
          'INSUFFICIENT_POSITION',
          `insufficient ${what} to close: ${q(Math.max(0, ydFree + tdFree))} available, ${volume} requested`,
        );
      }
      out.yd = Math.min(volume, Math.max(0, ydFree));
      out.td = q(volume - out.yd);
    }
    pos!.frozenYd = q(pos!.frozenYd + out.yd);
    pos!.frozenTd = q(pos!.frozenTd + out.td);
    out.position = pos!;
    return null;
  }

  /** Gives back what remains reserved (the order ended). */
  release(account: AccountState, r: Reserve): void {
    account.held = q(account.held - r.cash);
    r.cash = 0;
    if (r.position) {
      r.position.frozenYd = q(r.position.frozenYd - r.yd);
      r.position.frozenTd = q(r.position.frozenTd - r.td);
      r.yd = 0;
      r.td = 0;
    }
  }

  /** Books a fill: consumes the order's reserve for `volume`, moves cash and the position; returns the position. */
  fill(
    account: AccountState,
    spec: InstrumentSpec,
    buy: boolean,
    offset: Offset,
    price: number,
    volume: number,
    commission: number,
    r: Reserve,
  ): PositionState {
    const releaseCash = Math.min(r.cash, r.cashPerUnit * volume);
    r.cash = q(r.cash - releaseCash);
    account.held = q(account.held - releaseCash);
    account.commission = q(account.commission + commission);
    account.cash = q(account.cash - commission);
    const mode = positionMode(spec);
    const size = spec.size;
    if (mode === 'spot') {
      const pos = this.position(account, spec, Direction.NET, true)!;
      if (buy) {
        account.cash = q(account.cash - price * volume * size);
        pos.volume = q(pos.volume + volume);
        pos.cost = q(pos.cost + price * volume);
      } else {
        this.consumeHeld(pos, volume, r);
        const avg = pos.volume > 0 ? pos.cost / pos.volume : price;
        const pnl = (price - avg) * volume * size;
        account.cash = q(account.cash + price * volume * size);
        account.realizedPnl = q(account.realizedPnl + pnl);
        pos.cost = q(pos.cost - avg * volume);
        pos.volume = q(pos.volume - volume);
        pos.yd = Math.min(pos.yd, pos.volume);
        if (pos.volume === 0) pos.cost = 0;
      }
      return pos;
    }
    if (mode === 'net') {
      const pos = this.position(account, spec, Direction.NET, true)!;
      const sign = buy ? 1 : -1;
      let left = volume;
      if (pos.volume * sign < 0) {
        const closing = Math.min(left, Math.abs(pos.volume));
        const avg = pos.cost / Math.abs(pos.volume);
        const pnl = (price - avg) * closing * size * -sign;
        this.realize(account, pnl);
        pos.cost = q(pos.cost - avg * closing);
        pos.volume = q(pos.volume + sign * closing);
        if (pos.volume === 0) pos.cost = 0;
        left = q(left - closing);
      }
      if (left > 0) {
        pos.volume = q(pos.volume + sign * left);
        pos.cost = q(pos.cost + price * left);
      }
      return pos;
    }
    if (offset === Offset.OPEN) {
      const pos = this.position(account, spec, buy ? Direction.LONG : Direction.SHORT, true)!;
      pos.volume = q(pos.volume + volume);
      pos.cost = q(pos.cost + price * volume);
      return pos;
    }
    const pos = r.position!;
    const avg = pos.volume > 0 ? pos.cost / pos.volume : price;
    const dirSign = pos.direction === Direction.LONG ? 1 : -1;
    this.consumeHeld(pos, volume, r);
    this.realize(account, (price - avg) * volume * size * dirSign);
    pos.cost = q(pos.cost - avg * volume);
    pos.volume = q(pos.volume - volume);
    if (pos.volume === 0) pos.cost = 0;
    return pos;
  }

  /** A new trading day: today's positions become yesterday's. */
  rollDay(): void {
    for (const account of this.accounts.values()) {
      for (const pos of account.positions.values()) pos.yd = Math.abs(pos.volume);
    }
  }

  snapshotAccount(account: AccountState, assetsOf: (pos: PositionState) => string | undefined): SimAccount {
    let floating = 0;
    let margin = 0;
    const assets: Record<string, { free: number; locked: number }> = {};
    for (const pos of account.positions.values()) {
      if (positionMode(pos.spec) === 'spot') {
        const asset = assetsOf(pos);
        if (asset) assets[asset] = { free: q(pos.volume - pos.frozenYd), locked: pos.frozenYd };
        continue;
      }
      floating += this.floating(pos);
      margin += this.margin(pos);
    }
    const balance = q(account.cash + floating);
    const frozen = q(account.held + margin);
    return {
      accountId: account.id,
      currency: account.currency,
      balance,
      frozen,
      available: q(balance - frozen),
      realizedPnl: account.realizedPnl,
      commission: account.commission,
      assets,
    };
  }

  snapshotPosition(pos: PositionState): SimPosition {
    const volume = Math.abs(pos.volume);
    return {
      symbol: pos.symbol,
      direction: pos.direction,
      // A net position keeps its sign (short is negative): without it a short reads as a long.
      volume: pos.direction === Direction.NET ? q(pos.volume) : volume,
      ydVolume: positionMode(pos.spec) === 'hedge' ? pos.yd : 0,
      frozen: q(pos.frozenYd + pos.frozenTd),
      avgPrice: volume > 0 ? pos.cost / volume : 0,
      pnl: q(this.floating(pos)),
      margin: q(this.margin(pos)),
    };
  }

  /** Available cash of an account right now (balance − frozen). */
  available(account: AccountState): number {
    let floating = 0;
    let margin = 0;
    for (const pos of account.positions.values()) {
      if (positionMode(pos.spec) === 'spot') continue;
      floating += this.floating(pos);
      margin += this.margin(pos);
    }
    return account.cash + floating - account.held - margin;
  }

  position(
    account: AccountState,
    spec: InstrumentSpec,
    direction: Direction,
    create: boolean,
  ): PositionState | undefined {
    const key =
      positionMode(spec) === 'spot' ? `spot:${spec.baseAsset ?? spec.symbol}` : `${spec.symbol}:${direction}`;
    let pos = account.positions.get(key);
    if (!pos && create) {
      pos = {
        key,
        symbol: spec.symbol,
        direction,
        volume: 0,
        yd: 0,
        frozenYd: 0,
        frozenTd: 0,
        cost: 0,
        spec,
      };
      account.positions.set(key, pos);
    }
    return pos;
  }

  private holdCash(account: AccountState, amount: number, volume: number, out: Reserve): Refusal | null {
    const available = this.available(account);
    if (amount > available + 1e-9) {
      return refuse(
        'INSUFFICIENT_FUNDS',
        `insufficient funds: ${fmt(amount)} ${account.currency} needed, ${fmt(Math.max(0, available))} available`,
      );
    }
    out.cash = q(amount);
    out.cashPerUnit = amount / volume;
    account.held = q(account.held + out.cash);
    return null;
  }

  private consumeHeld(pos: PositionState, volume: number, r: Reserve): void {
    const fromYd = Math.min(volume, r.yd);
    const fromTd = q(volume - fromYd);
    r.yd = q(r.yd - fromYd);
    r.td = q(r.td - fromTd);
    pos.frozenYd = q(pos.frozenYd - fromYd);
    pos.frozenTd = q(pos.frozenTd - fromTd);
    pos.yd = Math.max(0, q(pos.yd - fromYd));
  }

  private realize(account: AccountState, pnl: number): void {
    account.cash = q(account.cash + pnl);
    account.realizedPnl = q(account.realizedPnl + pnl);
  }

  private floating(pos: PositionState): number {
    if (pos.volume === 0 || positionMode(pos.spec) === 'spot') return 0;
    const last = this.lastPrice(pos.symbol);
    const volume = Math.abs(pos.volume);
    const sign = pos.direction === Direction.SHORT || pos.volume < 0 ? -1 : 1;
    return (last - pos.cost / volume) * volume * pos.spec.size * sign;
  }

  private margin(pos: PositionState): number {
    return Math.abs(pos.cost) * pos.spec.size * (pos.spec.marginRate ?? 0);
  }
}

function holdingName(spec: InstrumentSpec): string {
  return spec.baseAsset ?? spec.symbol;
}

function refuse(code: RejectCode, reason: string): Refusal {
  return { code, reason };
}

function fmt(x: number): string {
  return x.toFixed(2);
}
