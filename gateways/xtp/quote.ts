// The market data side of an XTP session: the synchronous quote login (TCP or UDP, as the setting says), the
// static-info query of both exchanges (the contract list, with Chinese names), subscriptions by exchange, and
// depth snapshots into TickData. After OnDisconnected the gateway logs in again and everything subscribed so
// far is subscribed again.
import { LogLevel } from '../../src/core/constant.js';
import { makeVtSymbol, type ContractData, type SubscribeRequest } from '../../src/core/object.js';
import type { LoginRequest, SpiEvent, XtpExchange } from '../../bindings/xtp/protocol.js';
import type { XtpSession } from '../../bindings/xtp/session.js';
import {
  checkRecord,
  errorText,
  EXCHANGE_TO_XTP,
  exchangeFromXtp,
  isError,
  parseContract,
  parseNqContract,
  parseTick,
  SHAPES,
  tickProblem,
} from './parse.js';
import type { GatewayPushes } from './pushes.js';

export class XtpQuote {
  loggedIn = false;
  /** Whether the library has the Beijing market (set once the libraries are loaded). */
  beijing = false;
  /** Contracts by vtSymbol (a code such as 000001 exists on both exchanges). */
  readonly contracts = new Map<string, ContractData>();
  private readonly subscribed = new Map<string, SubscribeRequest>();
  private tickersWaiting: { exchange: XtpExchange; done: () => void } | undefined;
  private readonly malformed = new Set<string>();
  private readonly dayVolume = new Map<string, number>();

  constructor(
    private readonly session: XtpSession,
    private readonly login: LoginRequest,
    private readonly push: GatewayPushes,
  ) {}

  /** Logs in; resolves with the refusal, or null. Resubscribes what was subscribed before. */
  async connect(): Promise<string | null> {
    const r = await this.session.call('quoteLogin', this.login);
    if (r.value !== '0') return `XTP quote login failed: ${r.error ? errorText(r.error) : `code ${r.value}`}`;
    this.loggedIn = true;
    this.push.log(`XTP quote login (${this.login.protocol === 2 ? 'UDP' : 'TCP'})`);
    const again = [...this.subscribed.values()];
    for (const exchange of this.exchanges()) {
      const symbols = again.filter((s) => EXCHANGE_TO_XTP[s.exchange] === exchange).map((s) => s.symbol);
      if (symbols.length) this.send(symbols, exchange);
    }
    this.push.linkChanged();
    return null;
  }

  /** The XTP exchanges this library serves: SH and SZ, and NQ (Beijing) from 2.2.39 on. */
  private exchanges(): XtpExchange[] {
    return this.beijing ? [1, 2, 3] : [1, 2];
  }

  /** Queries the static information of SSE, SZSE (and BSE); resolves when every answer is complete. */
  async loadContracts(): Promise<void> {
    for (const exchange of this.exchanges()) {
      await new Promise<void>((resolve, reject) => {
        this.tickersWaiting = { exchange, done: resolve };
        this.session.call('queryTickers', exchange).then(
          (r) => {
            if (r.value !== '0') {
              this.tickersWaiting = undefined;
              reject(new Error(`XTP ticker query not sent: ${r.error ? errorText(r.error) : r.value}`));
            }
          },
          (e: Error) => {
            this.tickersWaiting = undefined;
            reject(e);
          },
        );
      });
    }
    this.push.log(`XTP contracts: ${this.contracts.size}`);
  }

  handle(e: SpiEvent): void {
    switch (e.name) {
      case 'OnDisconnected':
        if (!this.loggedIn) return;
        this.loggedIn = false;
        this.push.log(`XTP quote link disconnected (reason ${e.reason})`, LogLevel.WARNING);
        this.push.linkChanged();
        break;
      case 'OnError':
        if (e.info) this.push.log(`XTP quote error: ${errorText(e.info)}`, LogLevel.ERROR);
        break;
      case 'OnSubMarketData':
        if (isError(e.info))
          this.push.log(
            `XTP subscription of ${String(e.data?.ticker ?? '?')} failed: ${errorText(e.info)}`,
            LogLevel.WARNING,
          );
        break;
      case 'OnQueryAllTickers':
      case 'OnQueryAllNQTickersFullInfo': {
        const nq = e.name === 'OnQueryAllNQTickersFullInfo';
        if (e.data && !isError(e.info) && this.valid(e, nq ? 'NQFullInfo' : 'QuoteStaticInfo')) {
          const c = (nq ? parseNqContract : parseContract)(e.data, this.push.gatewayName);
          if (c) {
            this.contracts.set(c.vtSymbol, c);
            this.push.contract(c);
          }
        }
        const waiting = this.tickersWaiting;
        if (e.isLast && waiting) {
          this.tickersWaiting = undefined;
          waiting.done();
        }
        break;
      }
      case 'OnDepthMarketData': {
        if (!this.valid(e, 'MarketData')) return;
        const r = e.data!;
        const problem = tickProblem(r);
        if (problem) return this.malformedOnce(e.name, problem);
        const exchange = exchangeFromXtp(r.exchange_id);
        if (!exchange) return;
        const vtSymbol = makeVtSymbol(String(r.ticker), exchange);
        // Only what was asked for: a record naming anything else is not a tick of this session.
        if (!this.subscribed.has(vtSymbol)) return;
        const contract = this.contracts.get(vtSymbol);
        const tick = parseTick(r, this.push.gatewayName, exchange, contract?.name ?? '');
        // XTP sends the day's total volume; the last trade's volume is the growth since the previous tick.
        const before = this.dayVolume.get(vtSymbol);
        this.dayVolume.set(vtSymbol, tick.volume);
        if (before !== undefined && tick.volume > before) tick.lastVolume = tick.volume - before;
        this.push.tick(tick);
        break;
      }
      default:
        break;
    }
  }

  private valid(e: SpiEvent, shape: keyof typeof SHAPES): boolean {
    const problem = checkRecord(e.data, SHAPES[shape]);
    if (problem) this.malformedOnce(e.name, problem);
    return !problem;
  }

  private malformedOnce(callback: string, problem: string): void {
    if (this.malformed.has(callback)) return;
    this.malformed.add(callback);
    this.push.log(`XTP ${callback}: malformed record skipped (${problem})`, LogLevel.WARNING);
  }

  subscribe(req: SubscribeRequest): void {
    const exchange = EXCHANGE_TO_XTP[req.exchange];
    if (!exchange || !this.exchanges().includes(exchange)) {
      this.push.log(
        `cannot subscribe ${req.symbol}.${req.exchange}: this XTP library quotes ` +
          (this.beijing ? 'SSE, SZSE and BSE' : 'SSE and SZSE (BSE needs XTP 2.2.39 or later)'),
        LogLevel.WARNING,
      );
      return;
    }
    const key = makeVtSymbol(req.symbol, req.exchange);
    if (this.subscribed.has(key)) return;
    this.subscribed.set(key, req);
    if (this.loggedIn) this.send([req.symbol], exchange);
  }

  private send(tickers: string[], exchange: XtpExchange): void {
    this.session.call('subscribe', { tickers, exchange }).then(
      (r) => {
        if (r.value !== '0')
          this.push.log(
            `XTP subscription not sent: ${r.error ? errorText(r.error) : r.value}`,
            LogLevel.WARNING,
          );
      },
      (e: Error) =>
        this.push.log(`XTP subscription of ${tickers.join(', ')} not sent: ${e.message}`, LogLevel.WARNING),
    );
  }

  close(): void {
    this.loggedIn = false;
    this.tickersWaiting = undefined;
  }
}
