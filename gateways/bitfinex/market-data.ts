// Bitfinex public channels → TickData. Each pair takes three channels (ticker, trades, book P0/25), and a
// connection carries at most 25 channels (docs.bitfinex.com/docs/requirements-and-limitations), so pairs are
// packed onto as many connections as needed. Every connection asks for timestamps, sequence numbers and book
// checksums (`conf` flags); a sequence gap means messages were lost, so that connection is opened again (and
// every channel on it resubscribed with fresh snapshots); a checksum that disagrees with the local book
// resubscribes that book alone. `info` 20051 reconnects, 20060/20061 pause and then resubscribe.
import { LogLevel } from '../../src/core/constant.js';
import { createTick, type TickData } from '../../src/core/object.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { copyTick } from '../common/tick.js';
import { WsClient } from '../common/ws-client.js';
import { BitfinexBook } from './book.js';
import { channelFrame, frameTime, publicSeq, type ChannelFrame } from './frame.js';
import { EXCHANGE, applyTicker, applyTrade } from './parse.js';
import { bookLevelProblem, publicTradeProblem, tickerProblem } from './shape.js';
import { toVenueSymbol } from './symbols.js';
import { CONF_FLAG, HEARTBEAT_SECONDS, INFO_CODE, MAX_CHANNELS_PER_CONNECTION, type Json } from './types.js';

export const CONF_FLAGS = CONF_FLAG.TIMESTAMP | CONF_FLAG.SEQ_ALL | CONF_FLAG.OB_CHECKSUM;
const CHANNELS = ['ticker', 'trades', 'book'] as const;
type ChannelName = (typeof CHANNELS)[number];

export interface MarketDataOptions {
  gatewayName: string;
  url: string;
  proxy?: ProxyAddress;
  /** Channels per connection; Bitfinex's limit unless a test asks for fewer. */
  maxChannels?: number;
  /** A channel with no message (not even `hb`) for this long is resubscribed. */
  channelSilenceMs?: number;
  onTick: (tick: TickData) => void;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

interface PairState {
  pair: string;
  tick: TickData;
  book: BitfinexBook;
}

interface Channel {
  name: ChannelName;
  pair: string;
  /** The subscribe event, as sent (also the WsClient topic, so a reconnect resends it). */
  request: string;
  chanId: number | undefined;
  lastHeard: number;
  resubscribing: boolean;
}

class Link {
  readonly client: WsClient;
  readonly channels = new Map<string, Channel>();
  readonly byId = new Map<number, Channel>();
  private lastSeq: number | undefined;
  maintenance = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly index: number,
    private readonly feed: MarketData,
    private readonly o: MarketDataOptions,
  ) {
    this.client = new WsClient({
      name: `${o.gatewayName} market data #${index + 1}`,
      url: () => o.url,
      // Bitfinex sends `hb` on every quiet channel every 15 s; twice that without a frame is a dead link.
      silenceMs: 2 * HEARTBEAT_SECONDS * 1000 + 5000,
      ...(o.proxy ? { proxy: o.proxy } : {}),
      onOpen: () => this.opened(),
      subscribeMessage: (topics) => topics[0]!,
      maxTopicsPerMessage: 1,
      onMessage: (text) => this.onMessage(text),
      onStatus: (up, reason) => feed.linkStatus(index, up, reason),
      log: o.log,
    });
    const silence = o.channelSilenceMs ?? 3 * HEARTBEAT_SECONDS * 1000;
    this.timer = setInterval(() => this.checkChannels(silence), Math.max(20, Math.floor(silence / 3)));
    this.timer.unref();
  }

  get size(): number {
    return this.channels.size;
  }

  add(ch: Channel): void {
    this.channels.set(ch.request, ch);
    this.client.subscribe([ch.request]);
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return this.client.close();
  }

  /** Every (re)connect: a fresh connection numbers its messages from scratch and has no channels yet. */
  private opened(): void {
    this.lastSeq = undefined;
    this.byId.clear();
    this.maintenance = false;
    const now = Date.now();
    for (const ch of this.channels.values()) {
      ch.chanId = undefined;
      ch.lastHeard = now;
      ch.resubscribing = false;
      if (ch.name === 'book') this.feed.pair(ch.pair)?.book.reset();
    }
    this.client.send(JSON.stringify({ event: 'conf', flags: CONF_FLAGS }));
  }

  private onMessage(text: string): void {
    const msg = JSON.parse(text) as unknown;
    if (!Array.isArray(msg)) {
      this.onEvent(msg as Record<string, Json>);
      return;
    }
    const f = channelFrame(msg);
    if (!f) throw new Error('not a channel message');
    const seq = publicSeq(f);
    if (seq !== undefined) {
      if (this.lastSeq !== undefined && seq !== this.lastSeq + 1) {
        this.o.log(
          `${this.o.gatewayName}: message sequence jumped from ${this.lastSeq} to ${seq}; reconnecting to resynchronise`,
          LogLevel.WARNING,
        );
        this.lastSeq = undefined;
        this.client.drop();
        return;
      }
      this.lastSeq = seq;
    }
    const ch = this.byId.get(f.chanId);
    if (!ch) return;
    ch.lastHeard = Date.now();
    if (f.type === 'hb' || ch.resubscribing) return;
    this.feed.onChannel(ch, f, this);
  }

  private onEvent(e: Record<string, Json>): void {
    switch (e.event) {
      case 'subscribed': {
        const key = subscriptionKey(String(e.channel), String(e.symbol));
        for (const ch of this.channels.values()) {
          if (subscriptionKey(ch.name, toVenueSymbol(ch.pair)) !== key) continue;
          ch.chanId = Number(e.chanId);
          ch.resubscribing = false;
          ch.lastHeard = Date.now();
          this.byId.set(ch.chanId, ch);
        }
        return;
      }
      case 'unsubscribed': {
        const ch = this.byId.get(Number(e.chanId));
        if (!ch) return;
        this.byId.delete(Number(e.chanId));
        ch.chanId = undefined;
        if (ch.resubscribing) this.client.send(ch.request);
        return;
      }
      case 'info':
        this.onInfo(Number(e.code), String(e.msg ?? ''));
        return;
      case 'error':
        this.o.log(
          `${this.o.gatewayName}: Bitfinex refused a request: ${String(e.msg)} (code ${String(e.code)})`,
          LogLevel.WARNING,
        );
        return;
      default:
        return;
    }
  }

  private onInfo(code: number, msg: string): void {
    if (code === INFO_CODE.RECONNECT) {
      this.o.log(`${this.o.gatewayName}: Bitfinex asks to reconnect (20051 ${msg})`, LogLevel.WARNING);
      this.client.drop();
    } else if (code === INFO_CODE.MAINTENANCE_START) {
      this.maintenance = true;
      this.feed.linkStatus(this.index, false, `Bitfinex maintenance (20060 ${msg})`.trim());
    } else if (code === INFO_CODE.MAINTENANCE_END) {
      // Bitfinex advises subscribing every channel again; a new connection does that with fresh snapshots.
      this.maintenance = false;
      this.o.log(`${this.o.gatewayName}: maintenance over (20061); resubscribing`, LogLevel.INFO);
      this.client.drop();
    }
  }

  /** Unsubscribes and subscribes one channel again (checksum mismatch, silent channel). */
  resubscribe(ch: Channel, reason: string): void {
    if (ch.resubscribing || ch.chanId === undefined) return;
    this.o.log(`${this.o.gatewayName}: resubscribing ${ch.name} ${ch.pair}: ${reason}`, LogLevel.WARNING);
    ch.resubscribing = true;
    if (ch.name === 'book') this.feed.pair(ch.pair)?.book.reset();
    this.client.send(JSON.stringify({ event: 'unsubscribe', chanId: ch.chanId }));
  }

  private checkChannels(silenceMs: number): void {
    if (!this.client.isReady || this.maintenance) return;
    const now = Date.now();
    for (const ch of this.channels.values()) {
      if (ch.chanId !== undefined && !ch.resubscribing && now - ch.lastHeard > silenceMs) {
        ch.lastHeard = now;
        this.resubscribe(ch, `nothing heard for ${silenceMs} ms`);
      }
    }
  }
}

function subscriptionKey(channel: string, symbol: string): string {
  return `${channel}:${symbol}`;
}

export class MarketData {
  private readonly pairs = new Map<string, PairState>();
  private readonly links: Link[] = [];
  private readonly linksDown = new Map<number, string>();
  private started = false;
  /** Checksums that disagreed with the local book (for tests and the status line). */
  checksumMismatches = 0;
  checksumsVerified = 0;

  constructor(private readonly o: MarketDataOptions) {}

  /** How many connections are open (tests). */
  get connectionCount(): number {
    return this.links.length;
  }

  get linkClients(): readonly WsClient[] {
    return this.links.map((l) => l.client);
  }

  pair(pair: string): PairState | undefined {
    return this.pairs.get(pair);
  }

  async start(): Promise<void> {
    this.started = true;
    if (this.links.length === 0) this.links.push(new Link(0, this, this.o));
    await Promise.all(this.links.map((l) => l.client.start()));
  }

  async close(): Promise<void> {
    this.started = false;
    await Promise.all(this.links.map((l) => l.close()));
  }

  subscribe(pair: string): void {
    if (this.pairs.has(pair)) return;
    const tick = createTick({
      gatewayName: this.o.gatewayName,
      symbol: pair,
      exchange: EXCHANGE,
      datetime: 0,
    });
    this.pairs.set(pair, { pair, tick, book: new BitfinexBook() });
    const max = this.o.maxChannels ?? MAX_CHANNELS_PER_CONNECTION;
    let link = this.links.find((l) => l.size + CHANNELS.length <= max);
    if (!link) {
      link = new Link(this.links.length, this, this.o);
      this.links.push(link);
      if (this.started) {
        const l = link;
        l.client.start().catch((error: unknown) => {
          this.o.log(
            `${l.client.subscriptions.size} channels wait for a connection: ${String(error)}`,
            LogLevel.WARNING,
          );
          // WsClient restores only links that came up once; keep trying this one.
          setTimeout(() => this.started && void l.client.start().catch(() => undefined), 1000).unref();
        });
      }
    }
    const symbol = toVenueSymbol(pair);
    for (const name of CHANNELS) {
      const request =
        name === 'book'
          ? JSON.stringify({ event: 'subscribe', channel: 'book', symbol, prec: 'P0', freq: 'F0', len: '25' })
          : JSON.stringify({ event: 'subscribe', channel: name, symbol });
      link.add({ name, pair, request, chanId: undefined, lastHeard: Date.now(), resubscribing: false });
    }
  }

  linkStatus(index: number, up: boolean, reason: string): void {
    if (up) this.linksDown.delete(index);
    else this.linksDown.set(index, reason);
    const [down] = this.linksDown.values();
    this.o.onStatus(down === undefined, down ?? '');
  }

  onChannel(ch: Channel, f: ChannelFrame, link: Link): void {
    const state = this.pairs.get(ch.pair);
    if (!state) return;
    const tick = state.tick;
    const ts = frameTime(f);
    switch (ch.name) {
      case 'book':
        if (f.type === 'cs') {
          this.verify(state, ch, f.payload, link);
          return;
        }
        if (!this.applyBook(state, f.payload)) return;
        state.book.fillTick(tick);
        break;
      case 'ticker': {
        const problem = tickerProblem(f.payload);
        if (problem) throw new Error(problem);
        applyTicker(tick, f.payload as Json[]);
        break;
      }
      case 'trades': {
        if (f.type === 'tu') return;
        if (f.type === '') return; // the snapshot of past trades says nothing about the current price
        const problem = publicTradeProblem(f.payload);
        if (problem) throw new Error(problem);
        applyTrade(tick, f.payload as Json[]);
        break;
      }
    }
    if (!state.book.synced || tick.bidPrice1 === 0) return;
    tick.datetime = ts ?? Date.now();
    tick.localtime = Date.now();
    this.o.onTick(copyTick(tick));
  }

  private applyBook(state: PairState, payload: Json | undefined): boolean {
    if (!Array.isArray(payload)) throw new Error('book payload is not an array');
    if (payload.length > 0 && Array.isArray(payload[0])) {
      for (const l of payload) {
        const problem = bookLevelProblem(l);
        if (problem) throw new Error(`book snapshot: ${problem}`);
      }
      state.book.snapshot(payload as number[][]);
      return true;
    }
    if (payload.length === 0) {
      state.book.snapshot([]);
      return true;
    }
    const problem = bookLevelProblem(payload);
    if (problem) throw new Error(problem);
    if (!state.book.synced) return false;
    state.book.update(payload as number[]);
    return true;
  }

  private verify(state: PairState, ch: Channel, expected: Json | undefined, link: Link): void {
    if (typeof expected !== 'number' || !Number.isInteger(expected))
      throw new Error('checksum is not an integer');
    if (!state.book.synced) return;
    const mine = state.book.checksum();
    if (mine === expected) {
      this.checksumsVerified += 1;
      return;
    }
    this.checksumMismatches += 1;
    link.resubscribe(ch, `book checksum ${expected} from Bitfinex, ${mine} here`);
  }
}
