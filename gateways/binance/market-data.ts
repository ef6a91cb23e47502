// Binance market streams → TickData: 24h ticker, trades, and a local order book per symbol (REST snapshot +
// depth diffs) for the five levels. Subscriptions live in the WsClients, so a reconnect restores them; the
// books are resynchronised after every reconnect of the link carrying depth, because diffs were missed.
// USD-M routes streams by path: depth only on /public, ticker and trades only on /market, so the book can
// have its own connection (bookUrl).
import { LogLevel } from '../../src/core/constant.js';
import { errorMessage } from '../../src/core/errors.js';
import { createTick, type TickData } from '../../src/core/object.js';
import { LocalOrderBook } from '../common/order-book.js';
import { copyTick } from '../common/tick.js';
import type { RestClient } from '../common/rest-client.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { WsClient } from '../common/ws-client.js';
import { EXCHANGE, applyTicker, applyTrade, bookDiff, bookSnapshot } from './parse.js';
import { marketEventProblem } from './shape.js';
import type { DepthSnapshot, DepthUpdateEvent, TickerEvent, TradeEvent } from './types.js';

export interface MarketDataOptions {
  gatewayName: string;
  url: string;
  /** Where depth streams go when the venue routes them apart (USD-M /public); empty or absent: url. */
  bookUrl?: string;
  rest: RestClient;
  depthPath: string;
  /** Depth of the REST snapshot. */
  depthLimit?: number;
  proxy?: ProxyAddress;
  onTick: (tick: TickData) => void;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

interface SymbolState {
  /** The venue's name for the symbol; the tick carries vnt's. */
  venueSymbol: string;
  tick: TickData;
  book: LocalOrderBook;
}

export class MarketData {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly ws: WsClient;
  /** The depth link when it is separate from ws. */
  private readonly bookWs: WsClient | undefined;
  private readonly linksDown = new Map<string, string>();
  private requestId = 1;

  constructor(private readonly o: MarketDataOptions) {
    const split = !!o.bookUrl && o.bookUrl !== o.url;
    this.ws = this.link('market data', o.url, !split);
    this.bookWs = split ? this.link('order books', o.bookUrl!, true) : undefined;
  }

  private link(name: string, url: string, carriesBooks: boolean): WsClient {
    return new WsClient({
      name: `${this.o.gatewayName} ${name}`,
      url: () => url,
      silenceMs: 60_000,
      ...(this.o.proxy ? { proxy: this.o.proxy } : {}),
      subscribeMessage: (topics) =>
        JSON.stringify({ method: 'SUBSCRIBE', params: topics, id: this.requestId++ }),
      // Binance allows 5 messages a second per connection; big batches keep a resubscribe within that.
      maxTopicsPerMessage: 200,
      onMessage: (text) => this.onMessage(text),
      onReconnect: () => {
        if (carriesBooks) for (const s of this.symbols.values()) s.book.reset();
      },
      // One status for both links: up only while neither is down.
      onStatus: (up, reason) => {
        if (up) this.linksDown.delete(name);
        else this.linksDown.set(name, reason);
        const [down] = this.linksDown.entries();
        this.o.onStatus(!down, down ? `${down[0]}: ${down[1]}` : '');
      },
      log: this.o.log,
    });
  }

  get client(): WsClient {
    return this.ws;
  }

  async start(): Promise<void> {
    await Promise.all([this.ws.start(), this.bookWs?.start()]);
  }

  async close(): Promise<void> {
    for (const s of this.symbols.values()) s.book.close();
    await Promise.all([this.ws.close(), this.bookWs?.close()]);
  }

  /** Subscribes the venue's symbol; ticks carry `symbol` (vnt's name for it, the venue's by default). */
  subscribe(venueSymbol: string, symbol = venueSymbol): void {
    if (this.symbols.has(venueSymbol)) return;
    const tick = createTick({ gatewayName: this.o.gatewayName, symbol, exchange: EXCHANGE, datetime: 0 });
    const book = new LocalOrderBook({
      fetchSnapshot: async () =>
        bookSnapshot(
          await this.o.rest.request<DepthSnapshot>({
            method: 'GET',
            path: this.o.depthPath,
            params: { symbol: venueSymbol, limit: this.o.depthLimit ?? 1000 },
          }),
        ),
      onUpdate: (b) => {
        b.fillTick(tick);
        this.emit(tick);
      },
      onResync: (reason) => this.o.log(`${symbol} order book resynchronising: ${reason}`, LogLevel.DEBUG),
    });
    this.symbols.set(venueSymbol, { venueSymbol, tick, book });
    const s = venueSymbol.toLowerCase();
    if (this.bookWs) {
      this.ws.subscribe([`${s}@ticker`, `${s}@trade`]);
      this.bookWs.subscribe([`${s}@depth@100ms`]);
    } else {
      this.ws.subscribe([`${s}@ticker`, `${s}@depth@100ms`, `${s}@trade`]);
    }
    book.reset();
  }

  /** Parses one stream message and updates the tick (exported shape for the benchmark). */
  onMessage(text: string): void {
    let msg: { e?: string; s?: string; code?: number; msg?: string };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch (error) {
      this.o.log(`unreadable market message: ${errorMessage(error)}`, LogLevel.WARNING);
      return;
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      this.o.log(`unreadable market message: not a JSON object`, LogLevel.WARNING);
      return;
    }
    if (msg.e === undefined) {
      if (typeof msg.code === 'number')
        this.o.log(`market stream error ${msg.code}: ${msg.msg ?? ''}`, LogLevel.WARNING);
      return;
    }
    if (msg.e === 'serverShutdown') {
      // Binance warns before it stops a stream server: move to another one now rather than at the cut.
      this.o.log('Binance announced a stream server shutdown; reconnecting', LogLevel.INFO);
      this.ws.drop();
      this.bookWs?.drop();
      return;
    }
    const state = typeof msg.s === 'string' ? this.symbols.get(msg.s) : undefined;
    if (!state) return;
    const problem = marketEventProblem(msg);
    if (problem) {
      this.o.log(`ignored a ${String(msg.e)} market event: ${problem}`, LogLevel.WARNING);
      return;
    }
    switch (msg.e) {
      case 'depthUpdate':
        state.tick.datetime = (msg as DepthUpdateEvent).E;
        state.book.apply(bookDiff(msg as DepthUpdateEvent));
        break;
      case '24hrTicker':
        applyTicker(state.tick, msg as TickerEvent);
        if (state.book.state === 'synced') this.emit(state.tick);
        break;
      case 'trade':
        applyTrade(state.tick, msg as TradeEvent);
        if (state.book.state === 'synced') this.emit(state.tick);
        break;
      default:
        break;
    }
  }

  private emit(tick: TickData): void {
    const now = Date.now();
    if (tick.datetime === 0) tick.datetime = now;
    tick.localtime = now;
    this.o.onTick(copyTick(tick));
  }
}
