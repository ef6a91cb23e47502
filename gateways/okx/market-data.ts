// OKX public channels → TickData: tickers (24 h figures), trades (last price), open-interest (derivatives)
// and the books channel (400 levels; snapshot + updates with seqId continuity and the checksum) for the five
// levels. A broken book is resubscribed, which makes OKX push a fresh snapshot; after a reconnect every book
// waits for the snapshot its restored subscription brings.
import { LogLevel } from '../../src/core/constant.js';
import { createTick, type TickData } from '../../src/core/object.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { copyTick } from '../common/tick.js';
import type { WsClient } from '../common/ws-client.js';
import { OkxBook } from './book.js';
import { EXCHANGE, applyOpenInterest, applyTicker, applyTrade } from './parse.js';
import { OPEN_INTEREST_SPEC, TICKER_SPEC, TRADE_SPEC, bookProblem, shapeProblem } from './shape.js';
import type { Arg, BookData, InstType, OpenInterest, PublicTrade, Ticker, WsMessage } from './types.js';
import { okxLink, topicOf } from './ws.js';

export interface MarketDataOptions {
  gatewayName: string;
  url: string;
  proxy?: ProxyAddress;
  heartbeatMs: number;
  onTick: (tick: TickData) => void;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

interface SymbolState {
  instType: InstType;
  tick: TickData;
  book: OkxBook;
}

export class MarketData {
  private readonly symbols = new Map<string, SymbolState>();
  readonly client: WsClient;
  /** Books thrown away after a gap or a checksum mismatch, for tests and the log. */
  resyncs = 0;

  constructor(private readonly o: MarketDataOptions) {
    this.client = okxLink({
      name: `${o.gatewayName} market data`,
      url: o.url,
      heartbeatMs: o.heartbeatMs,
      ...(o.proxy ? { proxy: o.proxy } : {}),
      onPush: (m) => this.onPush(m),
      onReconnect: () => {
        for (const s of this.symbols.values()) s.book.desync();
      },
      onStatus: o.onStatus,
      log: o.log,
    });
  }

  start(): Promise<void> {
    return this.client.start();
  }

  close(): Promise<void> {
    return this.client.close();
  }

  book(instId: string): OkxBook | undefined {
    return this.symbols.get(instId)?.book;
  }

  subscribe(instId: string, instType: InstType): void {
    if (this.symbols.has(instId)) return;
    const tick = createTick({
      gatewayName: this.o.gatewayName,
      symbol: instId,
      exchange: EXCHANGE,
      datetime: 0,
    });
    this.symbols.set(instId, { instType, tick, book: new OkxBook() });
    const args: Arg[] = [
      { channel: 'tickers', instId },
      { channel: 'books', instId },
      { channel: 'trades', instId },
    ];
    if (instType !== 'SPOT') args.push({ channel: 'open-interest', instId });
    this.client.subscribe(args.map(topicOf));
  }

  /** One pushed message (exported for the benchmark). */
  onPush(msg: WsMessage): void {
    const instId = msg.arg?.instId;
    const state = instId === undefined ? undefined : this.symbols.get(instId);
    const data = msg.data?.[0];
    if (!state || data === undefined) return;
    const channel = msg.arg!.channel;
    switch (channel) {
      case 'books': {
        const problem = bookProblem(data, msg.action);
        if (problem) return this.skip(channel, problem);
        const d = data as BookData;
        const broken = state.book.apply(msg.action!, d);
        if (broken) return this.resync(instId!, state, broken);
        if (state.book.state !== 'synced') return;
        state.book.fillTick(state.tick);
        state.tick.datetime = Number(d.ts);
        return this.emit(state.tick);
      }
      case 'tickers': {
        const problem = shapeProblem(data, TICKER_SPEC);
        if (problem) return this.skip(channel, problem);
        applyTicker(state.tick, data as Ticker, state.instType);
        break;
      }
      case 'trades': {
        const problem = shapeProblem(data, TRADE_SPEC);
        if (problem) return this.skip(channel, problem);
        applyTrade(state.tick, data as PublicTrade);
        break;
      }
      case 'open-interest': {
        const problem = shapeProblem(data, OPEN_INTEREST_SPEC);
        if (problem) return this.skip(channel, problem);
        applyOpenInterest(state.tick, data as OpenInterest);
        break;
      }
      default:
        return;
    }
    if (state.book.state === 'synced') this.emit(state.tick);
  }

  private resync(instId: string, state: SymbolState, reason: string): void {
    this.resyncs += 1;
    this.o.log(`${instId} order book resynchronising: ${reason}`, LogLevel.WARNING);
    state.book.desync();
    const arg = [{ channel: 'books', instId }];
    this.client.send(JSON.stringify({ op: 'unsubscribe', args: arg }));
    this.client.send(JSON.stringify({ op: 'subscribe', args: arg }));
  }

  private skip(channel: string, problem: string): void {
    this.o.log(`ignored a ${channel} push from OKX: ${problem}`, LogLevel.WARNING);
  }

  private emit(tick: TickData): void {
    const now = Date.now();
    if (tick.datetime === 0) tick.datetime = now;
    tick.localtime = now;
    this.o.onTick(copyTick(tick));
  }
}
