// One Alpaca market-data stream (stocks on /v2/{feed}, or crypto on /v1beta3/crypto/us): connect, wait for
// `[{"T":"success","msg":"connected"}]`, authenticate within Alpaca's few-second window, then subscribe
// trades, quotes and daily bars per symbol; the shared WsClient restores the subscriptions after a drop.
// Alpaca allows one connection per account per feed, so a stream opens only once something on it is
// subscribed, and its errors (402, 404, 405, 406, 407, 409, ...) are told to the user in plain words.
import { LogLevel } from '../../src/core/constant.js';
import type { Exchange } from '../../src/core/constant.js';
import { VntError, errorMessage } from '../../src/core/errors.js';
import { createTick, type TickData } from '../../src/core/object.js';
import { backoffDelay } from '../common/backoff.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { copyTick } from '../common/tick.js';
import { WsClient } from '../common/ws-client.js';
import { ControlWaiter } from './control.js';
import { applyDailyBar, applyQuote, applyTrade } from './parse.js';
import { dataProblem } from './shape.js';
import type { DataBar, DataMessage, DataQuote, DataTrade } from './types.js';

type Control = { T: 'success'; msg: string } | { T: 'error'; code: number; msg: string };

/** Errors after which trying again cannot help until the user changes something. */
const FATAL = new Set([402, 408, 409]);

export interface DataStreamOptions {
  gatewayName: string;
  /** "stocks (iex)" or "crypto", for messages. */
  label: string;
  /** The feed name a 406 refers to. */
  feed: string;
  url: string;
  key: string;
  secret: string;
  proxy?: ProxyAddress;
  /** Alpaca gives "a few seconds" to authenticate; our own wait for each login reply. */
  loginTimeoutMs?: number;
  silenceMs?: number;
  onTick: (tick: TickData) => void;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

interface Subscribed {
  symbol: string;
  exchange: Exchange;
  name: string;
  tick: TickData;
}

/** The plain-words reading of a market-data error code. */
export function explainDataError(code: number, msg: string, label: string, feed: string): string {
  const said = `(${code} ${msg})`;
  switch (code) {
    case 402:
      return `Alpaca refused the ${label} market-data login ${said}: check the KEY ID and Secret Key`;
    case 404:
      return `the ${label} market-data login took too long ${said}; retrying`;
    case 405:
      return `Alpaca refused a ${label} subscription ${said}: your data plan limits how many symbols one connection may watch; the symbols before this request stay subscribed`;
    case 406:
      return (
        `Alpaca allows only one market-data connection per account per feed, and another program is already ` +
        `connected to the ${feed} feed with these keys ${said}. Close the other program (another vnt, a ` +
        `notebook or bot using the same keys) or choose a different feed; vnt keeps trying`
      );
    case 407:
      return `Alpaca says this ${label} market-data client is too slow ${said} and may disconnect it`;
    case 408:
      return `this Alpaca account has no access to Market Data v2 ${said}`;
    case 409:
      return `your Alpaca data subscription does not include the ${feed} feed ${said}: choose iex (free) or delayed_sip in the connect form`;
    default:
      return `Alpaca ${label} market data: ${said}`;
  }
}

export class DataStream {
  private readonly client: WsClient;
  private readonly control = new ControlWaiter<Control>();
  private readonly subs = new Map<string, Subscribed>();
  private started = false;
  private closed = false;
  private fatal = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempts = 0;

  constructor(private readonly o: DataStreamOptions) {
    this.client = new WsClient({
      name: `${o.gatewayName} ${o.label} market data`,
      url: () => o.url,
      silenceMs: o.silenceMs ?? 60_000,
      ...(o.proxy ? { proxy: o.proxy } : {}),
      onOpen: () => this.login(),
      subscribeMessage: (symbols) =>
        JSON.stringify({ action: 'subscribe', trades: symbols, quotes: symbols, dailyBars: symbols }),
      onMessage: (text) => this.onText(text),
      onStatus: (up, reason) => o.onStatus(up, reason),
      log: o.log,
    });
  }

  get isReady(): boolean {
    return this.client.isReady;
  }

  /** Adds a symbol; the stream opens on the first one. */
  subscribe(venueSymbol: string, symbol: string, exchange: Exchange, name: string): void {
    if (!this.subs.has(venueSymbol)) {
      const tick = createTick({
        gatewayName: this.o.gatewayName,
        symbol,
        exchange,
        datetime: Date.now(),
        name,
      });
      this.subs.set(venueSymbol, { symbol, exchange, name, tick });
    }
    this.client.subscribe([venueSymbol]);
    if (!this.started) {
      this.started = true;
      this.open();
    }
  }

  /** Ends the link as a network failure would (tests). */
  drop(): void {
    this.client.drop();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.control.reset('closed');
    await this.client.close();
  }

  /** The first connection; once up, the WsClient restores drops itself. A refused first try is retried here. */
  private open(): void {
    this.client.start().then(
      () => {
        this.attempts = 0;
        this.o.log(`${this.o.label} market data connected`, LogLevel.INFO);
      },
      (error: unknown) => {
        this.control.reset('connection failed');
        if (this.closed) return;
        if (this.fatal) {
          this.o.log(`${errorMessage(error)}; not trying again`, LogLevel.ERROR);
          void this.client.close();
          return;
        }
        const delay = backoffDelay(this.attempts++, { baseMs: 1000, maxMs: 60_000 });
        this.o.log(
          `${this.o.label} market data: ${errorMessage(error)}; trying again in ${Math.round(delay / 1000)} s`,
          LogLevel.WARNING,
        );
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          if (!this.closed) this.open();
        }, delay);
      },
    );
  }

  private async login(): Promise<void> {
    const timeout = this.o.loginTimeoutMs ?? 10_000;
    const first = await this.control.wait('welcome', () => true, timeout);
    this.control.clearEarly();
    if (first.T === 'error') throw this.failure(first.code, first.msg);
    if (first.msg !== 'connected') throw new VntError(`Alpaca's welcome was ${JSON.stringify(first)}`);
    this.client.send(JSON.stringify({ action: 'auth', key: this.o.key, secret: this.o.secret }));
    const reply = await this.control.wait('answer to the login', () => true, timeout);
    this.control.clearEarly();
    if (reply.T === 'error') throw this.failure(reply.code, reply.msg);
    if (reply.msg !== 'authenticated')
      throw new VntError(`Alpaca answered the login with ${JSON.stringify(reply)}`);
  }

  private failure(code: number, msg: string): Error {
    if (FATAL.has(code)) {
      this.fatal = true;
      // Not again: the WsClient would retry a refused reconnect for ever.
      setImmediate(() => void this.client.close());
    }
    return new VntError(explainDataError(code, msg, this.o.label, this.o.feed));
  }

  /** One frame of the stream (public so the benchmark can replay recorded frames through it). */
  onText(text: string): void {
    let batch: unknown;
    try {
      batch = JSON.parse(text);
    } catch {
      throw new VntError('not JSON');
    }
    if (!Array.isArray(batch)) throw new VntError('not an array of messages');
    for (const m of batch) {
      const problem = dataProblem(m);
      if (problem) {
        this.o.log(`${this.o.label} market data: ignored a message: ${problem}`, LogLevel.WARNING);
        continue;
      }
      this.onMessage(m as DataMessage);
    }
  }

  private onMessage(m: DataMessage): void {
    switch (m.T) {
      case 'success':
        this.control.offer(m);
        return;
      case 'error':
        // During login an error answers the login; afterwards it is news for the user.
        if (this.client.isReady) this.reportError(m.code, m.msg);
        else this.control.offer(m);
        return;
      case 'subscription':
        return;
      case 'q':
        return this.update(m, (t) => applyQuote(t, m as DataQuote));
      case 't':
        return this.update(m, (t) => applyTrade(t, m as DataTrade));
      case 'd':
        return this.update(m, (t) => applyDailyBar(t, m as DataBar));
      default:
        return;
    }
  }

  private reportError(code: number, msg: string): void {
    const text = explainDataError(code, msg, this.o.label, this.o.feed);
    this.o.log(text, code === 407 || code === 404 ? LogLevel.WARNING : LogLevel.ERROR);
    if (FATAL.has(code)) {
      this.fatal = true;
      void this.client.close();
    }
  }

  private update(m: { S: string }, apply: (tick: TickData) => void): void {
    const sub = this.subs.get(m.S);
    if (!sub) return;
    apply(sub.tick);
    if (sub.tick.bidPrice1 > 0 || sub.tick.lastPrice > 0) this.o.onTick(copyTick(sub.tick));
  }
}
