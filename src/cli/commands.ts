// The trading command language shared by `vnt --headless` (stdin) and the console's command palette:
//   buy rb2501.SHFE 2 @ 3850 [open|close|closetoday|closeyesterday] [fak|fok|stop|post]
//   sell 600036.SSE 100                 (no price: a market order)
//   cancel SIM.12 | cancel all [vtSymbol]
//   sub rb2501.SHFE
//   help | quit
// Parsing is pure: it returns a typed command or an error a person can act on, and never touches an engine.
import { Direction, Exchange, isExchange, Offset, OrderType } from '../core/constant.js';
import { splitVtSymbol, type ContractData, type OrderRequest } from '../core/object.js';

export interface OrderCommand {
  kind: 'order';
  direction: Direction;
  symbol: string;
  exchange: Exchange;
  vtSymbol: string;
  volume: number;
  /** 0 for market orders. */
  price: number;
  type: OrderType;
  /** Undefined when not given: OPEN on venues with offsets, NONE elsewhere (see toOrderRequest). */
  offset?: Offset;
}

export type Command =
  | OrderCommand
  | { kind: 'cancel'; vtOrderid: string }
  | { kind: 'cancelAll'; vtSymbol?: string }
  | { kind: 'subscribe'; symbol: string; exchange: Exchange; vtSymbol: string }
  | { kind: 'help' }
  | { kind: 'quit' };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

export const COMMAND_HELP = [
  'buy|sell <vtSymbol> <volume> [@ <price>] [open|close|closetoday|closeyesterday] [fak|fok|stop|post]',
  '    without "@ price" the order is a market order; e.g. buy rb2501.SHFE 2 @ 3850',
  'cancel <vtOrderid>        cancel one order, e.g. cancel SIM.3',
  'cancel all [vtSymbol]     cancel every active order (of one contract)',
  'sub <vtSymbol>            subscribe market data',
  'help | quit',
].join('\n');

const OFFSETS: Record<string, Offset> = {
  open: Offset.OPEN,
  close: Offset.CLOSE,
  closetoday: Offset.CLOSETODAY,
  closeyesterday: Offset.CLOSEYESTERDAY,
};

const TYPES: Record<string, OrderType> = {
  fak: OrderType.FAK,
  fok: OrderType.FOK,
  stop: OrderType.STOP,
  post: OrderType.POSTONLY,
  postonly: OrderType.POSTONLY,
  limit: OrderType.LIMIT,
};

/** Parses one line; blank lines and `#` comments give null. */
export function parseCommand(line: string): ParseResult | null {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return null;
  // "@3850" and "@ 3850" are the same.
  const words = text.replace(/@/g, ' @ ').split(/\s+/).filter(Boolean);
  const verb = words[0]!.toLowerCase();
  const args = words.slice(1);
  switch (verb) {
    case 'buy':
    case 'sell':
      return parseOrder(verb === 'buy' ? Direction.LONG : Direction.SHORT, args);
    case 'cancel':
      return parseCancel(args);
    case 'sub':
    case 'subscribe': {
      if (args.length !== 1) return fail(`usage: sub <vtSymbol>, e.g. sub rb2501.SHFE`);
      const vt = parseVtSymbol(args[0]!);
      if (!vt.ok) return vt;
      return { ok: true, command: { kind: 'subscribe', ...vt.value } };
    }
    case 'help':
    case '?':
      return args.length ? fail('"help" takes no arguments') : { ok: true, command: { kind: 'help' } };
    case 'quit':
    case 'exit':
      return args.length ? fail(`"${verb}" takes no arguments`) : { ok: true, command: { kind: 'quit' } };
    default:
      return fail(`unknown command "${words[0]}" (commands: buy, sell, cancel, sub, help, quit)`);
  }
}

/** The OrderRequest for a parsed order, with the default offset the contract needs. */
export function toOrderRequest(
  cmd: OrderCommand,
  contract?: ContractData,
  reference = 'command',
): OrderRequest {
  const offset = cmd.offset ?? (contract && !contract.netPosition ? Offset.OPEN : Offset.NONE);
  return {
    symbol: cmd.symbol,
    exchange: cmd.exchange,
    direction: cmd.direction,
    type: cmd.type,
    volume: cmd.volume,
    price: cmd.price,
    offset,
    reference,
  };
}

function parseOrder(direction: Direction, args: string[]): ParseResult {
  const side = direction === Direction.LONG ? 'buy' : 'sell';
  const usage = `usage: ${side} <vtSymbol> <volume> [@ <price>] [open|close|closetoday|closeyesterday]`;
  if (args.length < 2) return fail(usage);
  const vt = parseVtSymbol(args[0]!);
  if (!vt.ok) return vt;
  const volume = parsePositive(args[1]!);
  if (volume === undefined) return fail(`volume must be a positive number, got "${args[1]}"`);
  let price = 0;
  let offset: Offset | undefined;
  let type: OrderType | undefined;
  for (let i = 2; i < args.length; i++) {
    const word = args[i]!;
    const lower = word.toLowerCase();
    if (word === '@') {
      const p = args[i + 1];
      if (p === undefined) return fail(`a price must follow "@"`);
      const value = parsePositive(p);
      if (value === undefined) return fail(`price must be a positive number, got "${p}"`);
      if (price) return fail('the price is given twice');
      price = value;
      i += 1;
    } else if (lower in OFFSETS) {
      if (offset) return fail('the offset is given twice');
      offset = OFFSETS[lower];
    } else if (lower in TYPES) {
      if (type) return fail('the order type is given twice');
      type = TYPES[lower];
    } else if (parsePositive(word) !== undefined && !price) {
      return fail(`write the price after "@": ${side} ${args[0]} ${args[1]} @ ${word}`);
    } else {
      return fail(`unexpected "${word}"; ${usage}`);
    }
  }
  if (type && type !== OrderType.LIMIT && !price) return fail(`a ${type} order needs a price ("@ <price>")`);
  if (type === OrderType.LIMIT && !price) return fail('a limit order needs a price ("@ <price>")');
  const command: OrderCommand = {
    kind: 'order',
    direction,
    ...vt.value,
    volume,
    price,
    type: type ?? (price ? OrderType.LIMIT : OrderType.MARKET),
  };
  if (offset) command.offset = offset;
  return { ok: true, command };
}

function parseCancel(args: string[]): ParseResult {
  if (args.length === 0) return fail('usage: cancel <vtOrderid> | cancel all [vtSymbol]');
  if (args[0]!.toLowerCase() === 'all') {
    if (args.length > 2) return fail('usage: cancel all [vtSymbol]');
    if (args.length === 1) return { ok: true, command: { kind: 'cancelAll' } };
    const vt = parseVtSymbol(args[1]!);
    if (!vt.ok) return vt;
    return { ok: true, command: { kind: 'cancelAll', vtSymbol: vt.value.vtSymbol } };
  }
  if (args.length !== 1) return fail('usage: cancel <vtOrderid> | cancel all [vtSymbol]');
  const id = args[0]!;
  const dot = id.indexOf('.');
  if (dot <= 0 || dot === id.length - 1) {
    return fail(`"${id}" is not a vtOrderid (GATEWAY.ORDERID, e.g. SIM.3)`);
  }
  return { ok: true, command: { kind: 'cancel', vtOrderid: id } };
}

function parseVtSymbol(
  text: string,
):
  | { ok: true; value: { symbol: string; exchange: Exchange; vtSymbol: string } }
  | { ok: false; error: string } {
  let parts: { symbol: string; exchange: string };
  try {
    parts = splitVtSymbol(text);
  } catch {
    return fail(`"${text}" is not a vtSymbol (SYMBOL.EXCHANGE, e.g. rb2501.SHFE)`);
  }
  const exchange = parts.exchange.toUpperCase();
  if (!isExchange(exchange)) return fail(`unknown exchange "${parts.exchange}" in "${text}"`);
  return { ok: true, value: { symbol: parts.symbol, exchange, vtSymbol: `${parts.symbol}.${exchange}` } };
}

function parsePositive(text: string): number | undefined {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
