// The quote side of a TAP session: login to the quote front, SubscribeQuote per contract (the answer carries
// the first snapshot), OnRtnQuote pushes. Subscriptions are remembered and sent again after every
// OnAPIReady, so ticks resume after a reconnect without the user subscribing again.
// TAP's quote of an option carries no price of its underlying, so an option's underlying future is
// subscribed with it: its last price goes into the option's ticks (underlyingPrice), and its own ticks reach
// the user only once the user subscribes it too.
import { LogLevel, Product } from '../../src/core/constant.js';
import type { TickData } from '../../src/core/object.js';
import type { QuoteEvent } from '../../bindings/tap/protocol.js';
import type { TapSession } from '../../bindings/tap/session.js';
import { errorText, parseTick, quoteContractOf } from './parse.js';
import type { TapPushes } from './pushes.js';
import type { TapListing } from './trader.js';

export interface QuoteConfig {
  userNo: string;
  password: string;
}

export class TapQuote {
  loggedIn = false;
  /** Symbols the user asked for; sent once the contract is known and the quote API is ready. */
  private readonly wanted = new Set<string>();
  private readonly sent = new Set<string>();
  /** Each wanted option's listed underlying future. */
  private readonly underlyingOf = new Map<string, string>();
  /**
   * The last tick of each listed contract quoted: an underlying's gives its options' ticks their
   * underlyingPrice, and reaches the user at once when the user subscribes the underlying too.
   */
  private readonly latest = new Map<string, TickData>();
  private closed = false;

  constructor(
    private readonly session: TapSession,
    private readonly config: QuoteConfig,
    private readonly listings: ReadonlyMap<string, TapListing>,
    private readonly push: TapPushes,
  ) {}

  /** The 9.3.1.4 library refuses a login whose ISModifyPassword or ISDDA is not 'Y' or 'N'. */
  login(): Promise<number> {
    return this.session.quoteLogin({
      UserNo: this.config.userNo,
      ISModifyPassword: 'N',
      Password: this.config.password,
      ISDDA: 'N',
    });
  }

  handle(e: QuoteEvent): void {
    switch (e.name) {
      case 'OnRspLogin':
        if (e.errorCode !== 0) this.push.failed('TAP quote login', e.errorCode);
        return;
      case 'OnAPIReady':
        this.loggedIn = true;
        this.push.log('TAP quote front ready');
        this.push.linkChanged('quote');
        this.sendWanted();
        return;
      case 'OnDisconnect':
        if (this.loggedIn)
          this.push.log(`TAP quote front disconnected (reason ${e.errorCode})`, LogLevel.WARNING);
        this.loggedIn = false;
        this.sent.clear();
        this.push.linkChanged('quote');
        return;
      case 'OnRspSubscribeQuote':
        if (e.errorCode !== 0) {
          this.push.log(`TAP refused a quote subscription: ${errorText(e.errorCode)}`, LogLevel.WARNING);
          return;
        }
        this.onQuote(e);
        return;
      case 'OnRtnQuote':
        this.onQuote(e);
        return;
      default:
        return;
    }
  }

  private onQuote(e: QuoteEvent): void {
    if (!e.data) return;
    const tick = parseTick(e.data, this.push.gatewayName);
    if (!tick) return;
    const listing = this.listings.get(tick.symbol);
    if (listing) tick.name = listing.contract.name;
    if (listing) this.latest.set(tick.symbol, tick);
    const underlying = this.underlyingOf.get(tick.symbol);
    const price = underlying ? this.latest.get(underlying)?.lastPrice : undefined;
    if (price !== undefined && Number.isFinite(price) && price > 0) tick.underlyingPrice = price;
    if (this.wanted.has(tick.symbol)) this.push.tick(tick);
  }

  subscribe(symbol: string): void {
    const fresh = !this.wanted.has(symbol);
    this.wanted.add(symbol);
    // Already subscribed as an option's underlying: its last tick now, not at its next quote.
    const last = this.latest.get(symbol);
    if (fresh && last) this.push.tick({ ...last });
    this.sendWanted();
  }

  /** After contracts load or the quote API comes up: everything wanted and not yet sent. */
  sendWanted(): void {
    if (!this.loggedIn || this.closed) return;
    for (const symbol of this.wanted) {
      const listing = this.listings.get(symbol);
      if (!listing) continue;
      const underlying = this.listedUnderlying(listing);
      if (underlying) {
        this.underlyingOf.set(symbol, underlying);
        this.send(underlying);
      }
      this.send(symbol);
    }
  }

  /** An option's underlying when it is a future TAP lists on the option's exchange. */
  private listedUnderlying(listing: TapListing): string | undefined {
    const c = listing.contract;
    if (c.product !== Product.OPTION || !c.optionUnderlying) return undefined;
    const u = this.listings.get(c.optionUnderlying);
    return u && u.contract.exchange === c.exchange && u.contract.product === Product.FUTURES
      ? c.optionUnderlying
      : undefined;
  }

  private send(symbol: string): void {
    const listing = this.listings.get(symbol);
    if (!listing || this.sent.has(symbol)) return;
    this.sent.add(symbol);
    void this.session.subscribe(quoteContractOf(listing.record)).then(
      (r) => {
        if (r.result === 0) return;
        this.sent.delete(symbol);
        this.push.log(
          `TAP quote subscription of ${symbol} not sent: ${errorText(r.result)}`,
          LogLevel.WARNING,
        );
      },
      (err: Error) => {
        this.sent.delete(symbol);
        this.push.log(`TAP quote subscription of ${symbol} not sent: ${err.message}`, LogLevel.WARNING);
      },
    );
  }

  close(): void {
    this.closed = true;
    this.loggedIn = false;
  }
}
