// The order ticket's state and rules (VN Trader's TradingWidget): which contract it trades, the price that
// follows the market until the person edits it, and every check that keeps a bad order from being sent.
// Drawing lives in ticket-view.ts; this module has no blessed in it.
import { Direction, GatewayStatus, Offset, OrderType, Status } from '../core/constant.js';
import type { MainEngine } from '../core/engine.js';
import { errorMessage } from '../core/errors.js';
import { label } from '../core/labels.js';
import type { GatewayCapabilities } from '../core/gateway.js';
import type { ContractData, OrderData, OrderRequest, PositionData, TickData } from '../core/object.js';
import {
  formatVolume,
  isMultipleOf,
  needsOffset,
  priceDecimals,
  priceTickAt,
  stepPrice,
  tradingLot,
} from '../core/validate.js';
import { TODAY_YESTERDAY } from './flatten.js';
import { LineInput, typedChar, type Key } from './keys.js';

export type TicketField =
  'gateway' | 'exchange' | 'symbol' | 'direction' | 'offset' | 'type' | 'price' | 'volume';

export interface TicketMessage {
  text: string;
  level: 'ok' | 'error' | 'info';
}

const OFFSETS = [Offset.OPEN, Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY];
const MARKETLIKE = new Set([OrderType.MARKET]);

export class Ticket {
  gatewayName = '';
  exchange = '';
  readonly symbol = new LineInput();
  name = '';
  direction: Direction = Direction.LONG;
  offset: Offset = Offset.OPEN;
  type: OrderType = OrderType.LIMIT;
  readonly price = new LineInput();
  readonly volume = new LineInput('1');
  /** The price field shows the last price until the person edits it (C-f makes it follow again). */
  priceFollows = true;
  field: TicketField = 'symbol';
  message: TicketMessage | undefined;
  /** The last order sent from the ticket, whose fate the message line reports. */
  lastOrderid = '';
  /** The contract loaded into the ticket (whose depth and chart are shown), with gatewayName its listing. */
  vtSymbol = '';
  /**
   * The volume a newly loaded contract starts with: a preset for it, else its minimum. Never the volume of the
   * contract loaded before (0.001 BTC is not a number of MSFT shares).
   */
  presetVolume: (contract: ContractData) => number | undefined = () => undefined;

  constructor(private readonly mainEngine: MainEngine) {
    this.gatewayName = mainEngine.getAllGatewayNames()[0] ?? '';
    this.exchange = mainEngine.getAllExchanges()[0] ?? '';
  }

  /** The fields a person can move to, in order; offset only where the venue has offsets. */
  fields(): TicketField[] {
    const out: TicketField[] = ['gateway', 'exchange', 'symbol', 'direction'];
    if (this.usesOffset()) out.push('offset');
    out.push('type', 'price', 'volume');
    return out;
  }

  usesOffset(): boolean {
    const caps = this.capabilities();
    return caps ? needsOffset(caps, this.contract()) : false;
  }

  orderTypes(): readonly OrderType[] {
    return this.capabilities()?.orderTypes ?? [OrderType.LIMIT];
  }

  contract(): ContractData | undefined {
    return this.vtSymbol ? this.mainEngine.getContract(this.vtSymbol, this.gatewayName) : undefined;
  }

  /**
   * Loads a contract: fills symbol, exchange, gateway and name, subscribes, and lets the price follow again.
   * A different contract also starts from its own volume and a limit order (nothing carries over).
   */
  load(contract: ContractData, keepPrice = false): void {
    const changed = contract.vtSymbol !== this.vtSymbol || contract.gatewayName !== this.gatewayName;
    this.vtSymbol = contract.vtSymbol;
    this.symbol.set(contract.symbol);
    this.exchange = contract.exchange;
    this.gatewayName = contract.gatewayName;
    this.name = contract.name;
    if (!keepPrice) {
      this.priceFollows = true;
      this.price.set('');
    }
    if (changed) {
      const types = this.orderTypes();
      this.type = types.includes(OrderType.LIMIT) ? OrderType.LIMIT : (types[0] ?? OrderType.LIMIT);
      this.volume.set(formatVolume(this.presetVolume(contract) ?? tradingLot(contract)));
      this.offset = Offset.OPEN;
    }
    if (!this.orderTypes().includes(this.type)) this.type = this.orderTypes()[0] ?? OrderType.LIMIT;
    if (!this.usesOffset()) this.offset = Offset.NONE;
    else if (this.offset === Offset.NONE) this.offset = Offset.OPEN;
    const tick = this.mainEngine.getTick(contract.vtSymbol, contract.gatewayName);
    if (tick) this.onTick(tick);
    try {
      this.mainEngine.subscribe(
        { symbol: contract.symbol, exchange: contract.exchange },
        contract.gatewayName,
      );
      this.message = { text: `loaded ${contract.vtSymbol}`, level: 'info' };
    } catch (error) {
      this.message = { text: errorMessage(error), level: 'error' };
    }
  }

  /** Finds the contract the symbol field names ("rb2501", or "rb2501.SHFE") and loads it. */
  loadTyped(): boolean {
    const text = this.symbol.value.trim();
    if (!text) {
      this.message = { text: 'enter a symbol', level: 'error' };
      return false;
    }
    const contract = this.findContract(text);
    if (!contract) {
      this.message = { text: `unknown symbol ${text}`, level: 'error' };
      return false;
    }
    this.load(contract);
    return true;
  }

  /** Pre-fills the order that closes a position: opposite direction, close offset, the whole volume. */
  prefillClose(position: PositionData): boolean {
    const contract = this.mainEngine.getContract(position.vtSymbol, position.gatewayName);
    if (!contract) {
      this.message = { text: `unknown symbol ${position.vtSymbol}`, level: 'error' };
      return false;
    }
    this.load(contract);
    const long =
      position.direction === Direction.NET ? position.volume > 0 : position.direction === Direction.LONG;
    this.direction = long ? Direction.SHORT : Direction.LONG;
    let volume = Math.abs(position.volume);
    if (this.usesOffset()) {
      // SHFE and INE close today's and yesterday's volume with different offsets; one order closes one kind,
      // so today's volume comes first and the rest is another order.
      const today = position.volume - position.ydVolume;
      if (TODAY_YESTERDAY.has(contract.exchange) && today > 0) {
        this.offset = Offset.CLOSETODAY;
        volume = today;
      } else {
        this.offset = Offset.CLOSE;
      }
    }
    this.volume.set(String(volume));
    this.field = 'volume';
    this.message = {
      text: `close ${label('Direction', position.direction)} ${position.vtSymbol}: Enter to review`,
      level: 'info',
    };
    return true;
  }

  /** Reports what became of the ticket's last order: a venue's rejection is as important as a local refusal. */
  onOrder(order: OrderData): void {
    if (order.vtOrderid !== this.lastOrderid) return;
    if (order.status === Status.REJECTED) {
      this.message = {
        text: `${order.vtOrderid} rejected: ${order.statusMsg || 'no reason given'}`,
        level: 'error',
      };
    } else if (order.status === Status.ALLTRADED) {
      const what = `${label('Direction', order.direction)} ${order.traded} ${order.symbol}`;
      this.message = { text: `filled ${what}: ${order.vtOrderid}`, level: 'ok' };
    }
  }

  /** The price follows the last price again (C-f, or loading a contract). */
  follow(): void {
    this.priceFollows = true;
    const tick = this.vtSymbol ? this.mainEngine.getTick(this.vtSymbol, this.gatewayName) : undefined;
    if (tick) this.onTick(tick);
  }

  onTick(tick: TickData): void {
    if (tick.vtSymbol !== this.vtSymbol || tick.gatewayName !== this.gatewayName) return;
    if (!this.priceFollows || tick.lastPrice <= 0) return;
    const contract = this.contract();
    this.price.set(tick.lastPrice.toFixed(contract ? priceDecimals(contract, tick.lastPrice) : 2));
  }

  /**
   * + / -: the price one tick up or down, by the tick of the band it moves through (priceTickAt); from the
   * last price when the field holds none. The price then stays where it was put.
   */
  stepPrice(direction: 1 | -1): boolean {
    const contract = this.contract();
    if (!contract) return false;
    const typed = parseNumber(this.price.value);
    const tick = this.vtSymbol ? this.mainEngine.getTick(this.vtSymbol, this.gatewayName) : undefined;
    const from = typed !== undefined && typed > 0 ? typed : (tick?.lastPrice ?? 0);
    if (!(from > 0)) return false;
    const next = stepPrice(contract, from, direction);
    this.price.set(next.toFixed(priceDecimals(contract, next)));
    this.priceFollows = false;
    return true;
  }

  /**
   * A price picked off the book (a click on a depth level): a limit at that price, which then stays put. Only
   * the fields change; sending is still Enter and a confirmation.
   */
  setPrice(price: number, from: string): boolean {
    const contract = this.contract();
    if (!contract || !(price > 0)) return false;
    if (this.type === OrderType.MARKET && this.orderTypes().includes(OrderType.LIMIT))
      this.type = OrderType.LIMIT;
    this.price.set(price.toFixed(priceDecimals(contract, price)));
    this.priceFollows = false;
    this.field = 'price';
    this.message = { text: `price ${this.price.value} from ${from}: Enter to review`, level: 'info' };
    return true;
  }

  /** Cycles a choice field (gateway, exchange, direction, offset, type) forwards or backwards. */
  cycle(step: 1 | -1): void {
    const pick = <T>(list: readonly T[], current: T): T => {
      if (list.length === 0) return current;
      const i = list.indexOf(current);
      return list[(i + step + list.length) % list.length]!;
    };
    switch (this.field) {
      case 'gateway': {
        this.gatewayName = pick(this.mainEngine.getAllGatewayNames(), this.gatewayName);
        // The same contract as this gateway lists it, if it does.
        const listing = this.vtSymbol && this.mainEngine.getContract(this.vtSymbol, this.gatewayName);
        if (listing) this.load(listing);
        break;
      }
      case 'exchange':
        this.exchange = pick(this.mainEngine.getAllExchanges() as string[], this.exchange);
        break;
      case 'direction':
        this.direction = this.direction === Direction.LONG ? Direction.SHORT : Direction.LONG;
        break;
      case 'offset':
        this.offset = pick(OFFSETS, this.offset);
        break;
      case 'type':
        this.type = pick(this.orderTypes(), this.type);
        break;
      default:
        break;
    }
  }

  moveField(step: 1 | -1): void {
    const list = this.fields();
    const i = Math.max(0, list.indexOf(this.field));
    this.field = list[(i + step + list.length) % list.length]!;
  }

  /** Handles a key while the ticket has focus; 'send' when the person asked to send (to be confirmed). */
  handleKey(ch: string | undefined, key: Key): 'send' | 'handled' | 'ignored' {
    const name = key.full ?? key.name;
    if (name === 'up') return (this.moveField(-1), 'handled');
    if (name === 'down') return (this.moveField(1), 'handled');
    if (name === 'enter' || name === 'return') {
      if (this.field === 'symbol') {
        if (this.loadTyped()) this.field = 'price';
        return 'handled';
      }
      return 'send';
    }
    if (name === 'C-f') {
      this.follow();
      return 'handled';
    }
    // On the price and the choice fields (not the symbol or volume, where - is text): a tick up or down.
    if (this.field !== 'symbol' && this.field !== 'volume' && (ch === '+' || ch === '=' || ch === '-')) {
      return (this.stepPrice(ch === '-' ? -1 : 1), 'handled');
    }
    const input =
      this.field === 'symbol'
        ? this.symbol
        : this.field === 'price'
          ? this.price
          : this.field === 'volume'
            ? this.volume
            : undefined;
    if (input) {
      // Typing over the followed price replaces it, like typing into a selected field.
      if (input === this.price && this.priceFollows && typedChar(ch, key) !== undefined) this.price.set('');
      if (!input.handle(ch, key)) return 'ignored';
      if (input === this.price) this.priceFollows = false;
      return 'handled';
    }
    if (name === 'left') return (this.cycle(-1), 'handled');
    if (name === 'right' || name === 'space' || ch === ' ') return (this.cycle(1), 'handled');
    return 'ignored';
  }

  /** Checks everything a person can get wrong; the reason, or the request to send. */
  build(): { req: OrderRequest; gatewayName: string } | { error: string } {
    const names = this.mainEngine.getAllGatewayNames();
    if (names.length === 0) return { error: 'no gateway added: use :connect' };
    const gateway = names.includes(this.gatewayName)
      ? this.mainEngine.getGateway(this.gatewayName)
      : undefined;
    if (!gateway) return { error: `choose a gateway (${names.join(', ')})` };
    if (gateway.status !== GatewayStatus.CONNECTED)
      return { error: `${gateway.gatewayName} is not connected` };
    const typed = this.symbol.value.trim();
    if (!typed) return { error: 'enter a symbol' };
    const contract = this.findContract(typed);
    if (!contract) {
      const listings = this.listingsOf(typed);
      if (listings.length > 1) {
        return {
          error: `${typed} is listed by ${listings.map((c) => c.gatewayName).join(' and ')}: choose the gateway`,
        };
      }
      return { error: `unknown symbol ${typed}${typed.includes('.') ? '' : '.' + this.exchange}` };
    }
    // A symbol typed and sent without Enter: load it, but the price the person typed is the price to send.
    if (contract.vtSymbol !== this.vtSymbol || contract.gatewayName !== this.gatewayName) {
      this.load(contract, true);
    }
    const volume = parseNumber(this.volume.value);
    if (volume === undefined) return { error: `volume "${this.volume.value}" is not a number` };
    if (volume <= 0) return { error: 'volume must be more than zero' };
    let price = 0;
    if (!MARKETLIKE.has(this.type)) {
      if (!this.price.value.trim()) return { error: 'enter a price (C-f follows the last price)' };
      const p = parseNumber(this.price.value);
      if (p === undefined) return { error: `price "${this.price.value}" is not a number` };
      if (p <= 0) return { error: 'price must be more than zero' };
      const tick = priceTickAt(contract, p);
      if (!isMultipleOf(p, tick)) {
        const band = contract.priceBands?.length ? ' at that price' : '';
        return { error: `price ${p} is off the tick size ${tick}${band}` };
      }
      price = p;
    }
    return {
      gatewayName: contract.gatewayName,
      req: {
        symbol: contract.symbol,
        exchange: contract.exchange,
        direction: this.direction,
        type: this.type,
        volume,
        price,
        offset: this.usesOffset() ? this.offset : Offset.NONE,
        reference: 'ManualTrading',
      },
    };
  }

  /**
   * Sends through MainEngine (which checks again and throws a RequestError with the reason), or through the
   * sender given (the console's, which also logs what the person did).
   */
  send(
    sender: (req: OrderRequest, gatewayName: string) => string = (req, gw) =>
      this.mainEngine.sendOrder(req, gw),
  ): string | undefined {
    const built = this.build();
    if ('error' in built) {
      this.message = { text: built.error, level: 'error' };
      return undefined;
    }
    try {
      const vtOrderid = sender(built.req, built.gatewayName);
      this.lastOrderid = vtOrderid;
      this.message = {
        text: `sent ${label('Direction', built.req.direction)} ${built.req.volume} ${built.req.symbol}: ${vtOrderid}`,
        level: 'ok',
      };
      return vtOrderid;
    } catch (error) {
      this.message = { text: errorMessage(error), level: 'error' };
      return undefined;
    }
  }

  /** What the loaded contract's gateway needs (through RPC too: the server gateway's). */
  private capabilities(): GatewayCapabilities | undefined {
    try {
      return this.gatewayName ? this.mainEngine.getCapabilities(this.gatewayName, this.vtSymbol) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Every listing the typed text can name: "rb2501.SHFE" exactly, else "rb2501" on any exchange. */
  private listingsOf(text: string): ContractData[] {
    if (text.includes('.')) {
      const exact = this.mainEngine.getListings(text);
      if (exact.length) return exact;
    }
    const withExchange = this.mainEngine.getListings(`${text}.${this.exchange}`);
    if (withExchange.length) return withExchange;
    return this.mainEngine.getAllContracts().filter((c) => c.symbol.toLowerCase() === text.toLowerCase());
  }

  /** The one listing the text names: this ticket's gateway's when several gateways list it. */
  private findContract(text: string): ContractData | undefined {
    const listings = this.listingsOf(text);
    return listings.length === 1 ? listings[0] : listings.find((c) => c.gatewayName === this.gatewayName);
  }
}

/** A plain decimal number ("3850", "0.5", "1e3" is refused: a person does not type prices that way). */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}
