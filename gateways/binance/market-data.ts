// Binance market streams → TickData: 24h ticker, trades, and a local order book per symbol (REST snapshot +
// depth diffs) for the five levels. Subscriptions live in the WsClient, so a reconnect restores them; the
// books are resynchronised after every reconnect because diffs were missed while the link was down.
import { LogLevel } from '../../src/core/constant.js';
import { errorMessage } from '../../src/core/errors.js';
import { createTick, type TickData } from '../../src/core/object.js';
import { LocalOrderBook } from '../common/order-book.js';
import { copyTick } from '../common/tick.js';
import type { RestClient } from '../common/rest-client.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { WsClient } from '../common/ws-client.js';
import { EXCHANGE, applyTicker, applyTrade, bookDiff, bookSnapshot } from './parse.js';
import type { DepthSnapshot, DepthUpdateEvent, TickerEvent, TradeEvent } from './types.js';

export interface MarketDataOptions {
  gatewayName: string;
  url: string;
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
  tick: TickData;
  book: LocalOrderBook;
}

export class MarketData {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly ws: WsClient;
  private requestId = 1;

  constructor(private readonly o: MarketDataOptions) {
    this.ws = new WsClient({
      name: `${o.gatewayName} market data`,
      url: () => o.url,
      silenceMs: 60_000,
      ...(o.proxy ? { proxy: o.proxy } : {}),
      subscribeMessage: (topics) =>
        JSON.stringify({ method: 'SUBSCRIBE', params: topics, id: this.requestId++ }),
      // Binance allows 5 messages a second per connection; big batches keep a resubscribe within that.
      maxTopicsPerMessage: 200,
      onMessage: (text) => this.onMessage(text),
      onReconnect: () => {
        for (const s of this.symbols.values()) s.book.reset();
      },
      onStatus: o.onStatus,
      log: o.log,
    });
  }

  get client(): WsClient {
    return this.ws;
  }

  start(): Promise<void> {
    return this.ws.start();
  }

  async close(): Promise<void> {
    for (const s of this.symbols.values()) s.book.close();
    await this.ws.close();
  }

  subscribe(symbol: string): void {
    if (this.symbols.has(symbol)) return;
    const tick = createTick({ gatewayName: this.o.gatewayName, symbol, exchange: EXCHANGE, datetime: 0 });
    const book = new LocalOrderBook({
      fetchSnapshot: async () =>
        bookSnapshot(
          await this.o.rest.request<DepthSnapshot>({
            method: 'GET',
            path: this.o.depthPath,
            params: { symbol, limit: this.o.depthLimit ?? 1000 },
          }),
        ),
      onUpdate: (b) => {
        b.fillTick(tick);
        this.emit(tick);
      },
      onResync: (reason) => this.o.log(`${symbol} order book resynchronising: ${reason}`, LogLevel.DEBUG),
    });
    this.symbols.set(symbol, { tick, book });
    const s = symbol.toLowerCase();
    this.ws.subscribe([`${s}@ticker`, `${s}@depth@100ms`, `${s}@trade`]);
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
    if (msg.e === undefined) {
      if (typeof msg.code === 'number')
        this.o.log(`market stream error ${msg.code}: ${msg.msg ?? ''}`, LogLevel.WARNING);
      return;
    }
    if (msg.e === 'serverShutdown') {
      // Binance warns before it stops a stream server: move to another one now rather than at the cut.
      this.o.log('Binance announced a stream server shutdown; reconnecting', LogLevel.INFO);
      this.ws.drop();
      return;
    }
    const state = msg.s ? this.symbols.get(msg.s) : undefined;
    if (!state) return;
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
