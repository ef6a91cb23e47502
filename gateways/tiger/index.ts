// TigerGateway: US, HK and China Connect stocks (and options/futures where the account allows) through Tiger
// Brokers' Open API: RSA-signed REST calls to one gateway URL, and a TLS push channel of protobuf frames for
// quotes, depth, trade ticks, orders, fills, positions and assets. Every order carries the vnt order id in
// Tiger's user_mark, so an order whose reply was lost is found again by it and never sent twice. The push
// channel does not replay what it missed: after every reconnect orders, fills (order transactions),
// positions and assets are read back over REST, and fills go through the one tracker keyed by Tiger's
// transaction id, so a fill seen on both paths is pushed once and none is lost.
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { Direction, Exchange, GatewayStatus, LogLevel, OrderType, Status } from '../../src/core/constant.js';
import {
  NotConnectedError,
  RequestError,
  VntError,
  errorMessage,
  quoteValue,
} from '../../src/core/errors.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import { redactor } from '../../src/core/redact.js';
import { LocalOrderManager } from '../../src/core/local-order.js';
import {
  createTick,
  orderFromRequest,
  type AmendRequest,
  type BarData,
  type CancelRequest,
  type ContractData,
  type HistoryRequest,
  type OrderRequest,
  type SubscribeRequest,
  type TickData,
  type TradeData,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { Coalesced } from '../common/coalesce.js';
import { priceTickAt } from '../../src/core/validate.js';
import { formatToStep } from '../common/decimal.js';
import { OrderTracker } from '../common/order-tracker.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { UnknownOutcomeError } from '../common/rest-client.js';
import { copyTick } from '../common/tick.js';
import {
  accountFromPush,
  accountsFromPrime,
  applyDepth,
  applyBrief,
  applyQuote,
  barFromKline,
  PERIODS,
  contractFromTiger,
  contractOfFuture,
  decodeTradeTicks,
  depthProblem,
  flatPosition,
  orderFromPush,
  orderFromTiger,
  positionFromPush,
  positionFromTiger,
  scaled,
  tradeFromPush,
  tradeFromTransaction,
  vntSymbol,
} from './parse.js';
import { DataType, type PushDataMsg, type TransactionMsg } from './proto.js';
import { TigerPush } from './push.js';
import { TigerApiError, TigerForbiddenError, TigerRest } from './rest.js';
import {
  contractProblem,
  futureContractProblem,
  klineProblem,
  orderProblem,
  pageProblem,
  placeReplyProblem,
  positionProblem,
  primeAssetsProblem,
  transactionProblem,
} from './shape.js';
import { loadPrivateKey, loadPublicKey } from './sign.js';
import type {
  KlineEntry,
  TigerBrief,
  OrderPage,
  PlaceReply,
  PrimeAssets,
  TigerContract,
  TigerFutureContract,
  TigerOrder,
  TigerPosition,
  TransactionPage,
} from './types.js';
import { TokenStore, shouldRenew, tokenLifetime, type TokenLifetime } from './token.js';
import { endpointsFor, type Licence, type Server } from './urls.js';

/** A comma-separated setting as its non-empty entries. */
function listOf(value: unknown): string[] {
  return String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Tiger's `contracts` takes this many symbols per call. */
const CONTRACT_BATCH = 50;
const ORDER_PAGE = 300;
/** Bars per kline call (Tiger's largest page). */
const KLINE_PAGE = 1200;
const MARGIN_MS = 60_000;
const EPS = 1e-9;

/** What vnt keeps of a Tiger instrument to address it in calls and pushes. */
interface Listing {
  contract: ContractData;
  /** Tiger's symbol, identifier (options), security type, market, currency and option fields. */
  venue: TigerContract;
}

export class TigerGateway extends BaseGateway {
  static override readonly defaultName = 'TIGER';
  static override readonly defaultSetting: SettingSchema = {
    tigerId: {
      type: 'string',
      default: '',
      label: 'tiger_id',
      help: 'the developer id from Tiger (tiger_id)',
    },
    account: {
      type: 'string',
      default: '',
      label: 'Account',
      help: 'the global (综合) account id; used when no standard account is given',
    },
    standardAccount: {
      type: 'string',
      default: '',
      label: 'Standard account',
      help: 'the standard/prime (标准) account id; when given it is the account traded, with prime assets',
    },
    privateKey: {
      type: 'secret',
      default: '',
      label: 'Private key',
      help: 'the RSA private key text Tiger issued (PKCS#1 body or PEM), or a path to a file holding it',
    },
    server: {
      type: 'choice',
      choices: ['REAL', 'SANDBOX'],
      default: 'REAL',
      label: 'Server',
      help: 'REAL (paper accounts too: a paper account is its own account id) or SANDBOX',
    },
    licence: {
      type: 'choice',
      choices: ['GLOBAL', 'TBUS'],
      default: 'GLOBAL',
      label: 'Licence',
      help: 'GLOBAL (tigerfintech.com hosts) or TBUS (US licence, tradeup.com hosts)',
    },
    token: {
      type: 'secret',
      default: '',
      label: 'HK licence token',
      help: 'HK-licence accounts only: the token Tiger issues, or the path of its token file (tiger_openapi_token.properties), which renewals are written back to',
    },
    tokenRenew: {
      type: 'boolean',
      default: true,
      label: 'Renew the token',
      help: 'renew the HK-licence token through Tiger once half its life has gone (checked hourly)',
    },
    tigerPublicKey: {
      type: 'string',
      default: '',
      label: "Tiger's public key",
      help: "to check the signature on Tiger's replies; empty skips the check",
    },
    symbols: {
      type: 'string',
      default: 'AAPL,TSLA,NVDA,MSFT,00700,09988',
      label: 'Contracts',
      help: 'symbols whose contracts are loaded at connect (held and ordered symbols are added)',
    },
    futures: {
      type: 'string',
      default: '',
      label: 'Futures',
      help: 'futures loaded at connect: contract codes (ES2612, CLmain) or exchange:<code> for all of an exchange (exchange:CME); held and ordered futures are added',
    },
    language: {
      type: 'choice',
      choices: ['zh_CN', 'zh_TW', 'en_US'],
      default: 'zh_CN',
      label: 'Contract names',
      help: "the language of Tiger's contract names (HK and A-share names in Chinese with zh_CN/zh_TW)",
    },
    rateLimit: {
      type: 'boolean',
      default: true,
      label: 'Meter requests',
      help: "keep each method under Tiger's per-minute tiers (120/60/10) on our side",
    },
    timeInForce: { type: 'choice', choices: ['DAY', 'GTC'], default: 'DAY', label: 'Time in force' },
    outsideRth: {
      type: 'boolean',
      default: false,
      label: 'Outside regular hours',
      help: 'US limit orders may fill in pre- and after-market sessions',
    },
    heartbeatMs: {
      type: 'integer',
      default: 10_000,
      min: 0,
      max: 120_000,
      label: 'Push heartbeat (ms)',
      help: 'asked for in both directions; a link silent for 1.5x the agreed interval is reconnected',
    },
    restUrl: { type: 'string', default: '', label: 'REST gateway URL', help: 'empty: the server default' },
    pushHost: { type: 'string', default: '', label: 'Push host', help: 'empty: the server default' },
    pushPort: { type: 'integer', default: 0, min: 0, max: 65535, label: 'Push port', help: '0: the default' },
    pushCa: {
      type: 'string',
      default: '',
      label: 'Push CA file',
      help: 'a CA certificate to trust for the push host (self-hosted relay or simulator); empty: system CAs',
    },
    proxyHost: {
      type: 'string',
      default: '',
      label: 'Proxy host',
      help: 'HTTP proxy for REST and the push link (CONNECT tunnel); empty for none',
    },
    proxyPort: { type: 'integer', default: 0, min: 0, max: 65535, label: 'Proxy port' },
  };
  static override readonly exchanges: readonly Exchange[] = [
    Exchange.SMART,
    Exchange.SEHK,
    Exchange.SSE,
    Exchange.SZSE,
  ];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.STOP],
    history: true,
    offsets: false,
    amend: true,
  };

  private rest: TigerRest | undefined;
  private push: TigerPush | undefined;
  private tokens: TokenStore | undefined;
  private tokenTimer: NodeJS.Timeout | undefined;
  private account = '';
  private prime = true;
  private tif = 'DAY';
  private lang = 'zh_CN';
  private outsideRth = false;
  private readonly listings = new Map<string, Listing>();
  /** Tiger symbol (or option identifier) → vnt symbol. */
  private readonly byVenueSymbol = new Map<string, string>();
  private readonly ticks = new Map<string, TickData>();
  private readonly ids = new LocalOrderManager<string>(
    (req, venueId) => this.sendCancel(req, venueId),
    `vnt${Date.now().toString(36)}`,
    5,
  );
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  /** Volume pushed as trades per local order id, to know when an order's fills must be read back. */
  private readonly tradedVolume = new Map<string, number>();
  private readonly held = new Set<string>();
  /** Tiger order id → local order id, once known. */
  private readonly byVenueId = new Map<string, string>();
  /** Fills pushed before their order was known, by Tiger order id. */
  private readonly parkedFills = new Map<string, TransactionMsg[]>();
  private readonly warned = new Set<string>();
  private downSince = 0;
  private connected = false;
  private reconciling: Promise<void> | undefined;

  override async connect(setting: GatewaySetting): Promise<void> {
    if (this.connected) throw new VntError(`${this.gatewayName} is already connected`);
    const tigerId = String(setting.tigerId ?? '').trim();
    const standard = String(setting.standardAccount ?? '').trim();
    const global = String(setting.account ?? '').trim();
    if (!tigerId) throw new VntError('a tiger_id is required');
    if (!standard && !global) throw new VntError('an account (global or standard) is required');
    const privateKey = loadPrivateKey(String(setting.privateKey ?? ''));
    const publicText = String(setting.tigerPublicKey ?? '').trim();
    const tigerPublicKey: KeyObject | undefined = publicText ? loadPublicKey(publicText) : undefined;
    this.account = standard || global;
    this.prime = standard !== '';
    this.tif = setting.timeInForce === 'GTC' ? 'GTC' : 'DAY';
    this.lang = ['zh_CN', 'zh_TW', 'en_US'].includes(String(setting.language))
      ? String(setting.language)
      : 'zh_CN';
    this.outsideRth = setting.outsideRth === true;
    const server: Server = setting.server === 'SANDBOX' ? 'SANDBOX' : 'REAL';
    const licence: Licence = setting.licence === 'TBUS' ? 'TBUS' : 'GLOBAL';
    const endpoints = endpointsFor(server, licence, {
      rest: String(setting.restUrl ?? ''),
      pushHost: String(setting.pushHost ?? ''),
      pushPort: Number(setting.pushPort ?? 0),
    });
    const caFile = String(setting.pushCa ?? '').trim();
    let ca: string | undefined;
    if (caFile) {
      try {
        ca = fs.readFileSync(caFile, 'utf8');
      } catch (error) {
        throw new VntError(`cannot read the push CA file ${caFile}: ${errorMessage(error)}`);
      }
    }
    const proxyHost = String(setting.proxyHost ?? '');
    const proxy: ProxyAddress | undefined = proxyHost
      ? { host: proxyHost, port: Number(setting.proxyPort ?? 0) }
      : undefined;
    const tokens = TokenStore.from(String(setting.token ?? ''));
    const token = tokens.token;
    // Read from a file, the token is not among the setting's secrets the engine registered.
    redactor.add(token);
    const life = token ? tokenLifetime(token) : undefined;
    if (life && life.expiresMs <= Date.now()) {
      throw new VntError(
        `the HK licence token expired on ${new Date(life.expiresMs).toISOString().slice(0, 10)}: get a new one from Tiger's developer page`,
      );
    }
    this.tokens = tokens;
    this.rest = new TigerRest({
      url: endpoints.rest,
      tigerId,
      privateKey,
      ...(tigerPublicKey ? { tigerPublicKey } : {}),
      ...(token ? { token } : {}),
      deviceId: crypto.createHash('sha1').update(`vnt:${tigerId}`).digest('hex').slice(0, 16),
      ...(setting.rateLimit === false ? { limits: false as const } : {}),
      ...(proxy ? { proxy } : {}),
    });
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      // Assets first: they prove the keys, the tiger id and the account before anything else is asked.
      await this.queryAssetsNow();
      const watch = listOf(setting.symbols);
      await this.loadContracts(watch);
      await this.loadFutures(listOf(setting.futures));
      this.push = new TigerPush({
        host: endpoints.pushHost,
        port: endpoints.pushPort,
        ...(ca ? { ca } : {}),
        ...(proxy ? { proxy } : {}),
        tigerId,
        privateKey,
        heartbeatMs: Math.max(0, Number(setting.heartbeatMs ?? 10_000)),
        onData: (body) => this.onPush(body),
        onReady: (again) => {
          if (again) void this.reconcile();
        },
        onStatus: (up, reason) => this.linkStatus(up, reason),
        log: (msg, level) => this.writeLog(msg, level),
      });
      // The private channels come up before the snapshots, so nothing that happens in between is missed.
      await this.push.start();
      for (const t of [DataType.OrderStatus, DataType.OrderTransaction, DataType.Asset, DataType.Position]) {
        this.push.subscribe(t, [], this.account);
      }
      await this.queryPositionsNow();
      await this.readBack(Date.now() - 24 * 3_600_000);
      if (token && setting.tokenRenew !== false) await this.startTokenRenewal(life);
      this.connected = true;
      this.setStatus(GatewayStatus.CONNECTED);
      this.writeLog(`connected to Tiger (${server}, ${licence}) as ${tigerId}, account ${this.account}`);
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      await this.release();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
  }

  override async close(): Promise<void> {
    this.connected = false;
    await this.release();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  /**
   * Renews the token now if half its life has gone, then checks hourly. A token not in Tiger's form cannot be
   * aged, so it is left as it is (said once).
   */
  private async startTokenRenewal(life: TokenLifetime | undefined): Promise<void> {
    if (!life) {
      this.writeLog("the HK licence token's lifetime cannot be read, so it is not renewed", LogLevel.WARNING);
      return;
    }
    await this.renewTokenIfDue();
    this.tokenTimer = setInterval(() => void this.renewTokenIfDue(), 3_600_000);
    this.tokenTimer.unref();
  }

  private async renewTokenIfDue(): Promise<void> {
    const tokens = this.tokens;
    const rest = this.rest;
    if (!tokens || !rest) return;
    const life = tokenLifetime(tokens.token);
    if (!life || !shouldRenew(life, Date.now())) return;
    try {
      const data = await this.call<{ token?: unknown } | null>('user_token_refresh');
      const fresh = data && typeof data.token === 'string' ? data.token.trim() : '';
      const freshLife = tokenLifetime(fresh);
      if (!freshLife) throw new VntError(`Tiger answered user_token_refresh with ${quoteValue(data)}`);
      // Registered before anything can print it: the new token is as secret as the old.
      redactor.add(fresh);
      rest.token = fresh;
      tokens.renew(fresh);
      const until = new Date(freshLife.expiresMs).toISOString().slice(0, 10);
      this.writeLog(
        tokens.file
          ? `HK licence token renewed, valid until ${until}, written to ${tokens.file}`
          : `HK licence token renewed, valid until ${until}; it lives in this session only — set the token field to a token file to keep renewals`,
      );
    } catch (error) {
      const until = new Date(life.expiresMs).toISOString().slice(0, 10);
      this.writeLog(
        `could not renew the HK licence token (it expires on ${until}; retried hourly): ${errorMessage(error)}`,
        LogLevel.WARNING,
      );
    }
  }

  private async release(): Promise<void> {
    if (this.tokenTimer) clearInterval(this.tokenTimer);
    this.tokenTimer = undefined;
    const p = this.push;
    this.push = undefined;
    await p?.close();
  }

  private call<T>(method: string, biz?: Record<string, unknown>, idempotent = true): Promise<T> {
    if (!this.rest) return Promise.reject(new NotConnectedError(this.gatewayName));
    return this.rest.call<T>(method, biz, { idempotent });
  }

  // ---- contracts -------------------------------------------------------------------------------------------

  private async loadContracts(symbols: readonly string[]): Promise<void> {
    const all = [...new Set(symbols)].filter((s) => !this.byVenueSymbol.has(s));
    // Options by their identifier (OCC form, "AAPL  260116C00230000"): one `contract` call each.
    for (const s of all) {
      const o = optionOf(s);
      if (!o || this.byVenueSymbol.has(s.replace(/\s+/g, ''))) continue;
      const data = await this.call<unknown>('contract', { ...o, sec_type: 'OPT', lang: this.lang });
      const list = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : [];
      if (list.length === 0) this.writeLog(`Tiger has no option ${s}`, LogLevel.WARNING);
      for (const c of list) this.addContract(c);
    }
    const wanted = all.filter((s) => !optionOf(s));
    for (let i = 0; i < wanted.length; i += CONTRACT_BATCH) {
      const batch = wanted.slice(i, i + CONTRACT_BATCH);
      const data = await this.call<unknown>('contracts', {
        symbols: batch,
        sec_type: 'STK',
        lang: this.lang,
      });
      const list = Array.isArray(data) ? data : (data as { items?: unknown } | null)?.items;
      if (!Array.isArray(list))
        throw new VntError(`Tiger answered the contracts query with ${quoteValue(data)}`);
      for (const c of list) this.addContract(c);
    }
  }

  /**
   * Futures by contract code (`future_contract_by_contract_code`, one call each) or every future of an
   * exchange (`future_contract_by_exchange_code`). A code Tiger does not know is logged, not fatal: the rest
   * of the account still connects.
   */
  private async loadFutures(entries: readonly string[]): Promise<void> {
    for (const entry of new Set(entries)) {
      const exchange = /^exchange:(.+)$/i.exec(entry)?.[1]?.trim();
      if (!exchange && this.byVenueSymbol.has(entry)) continue;
      let data: unknown;
      try {
        data = exchange
          ? await this.call<unknown>('future_contract_by_exchange_code', {
              exchange_code: exchange.toUpperCase(),
              lang: this.lang,
            })
          : await this.call<unknown>('future_contract_by_contract_code', {
              contract_code: entry,
              lang: this.lang,
            });
      } catch (error) {
        if (error instanceof TigerApiError && !(error instanceof TigerForbiddenError)) {
          this.writeLog(`Tiger has no future ${entry}: ${errorMessage(error)}`, LogLevel.WARNING);
          continue;
        }
        throw error;
      }
      const list = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : [];
      if (list.length === 0) this.writeLog(`Tiger has no future ${entry}`, LogLevel.WARNING);
      for (const f of list) {
        const problem = futureContractProblem(f);
        if (problem) this.writeLog(`ignored a future from Tiger: ${problem}`, LogLevel.WARNING);
        else this.addContract(contractOfFuture(f as TigerFutureContract));
      }
    }
  }

  private addContract(c: unknown): ContractData | undefined {
    const problem = contractProblem(c);
    if (problem) {
      this.writeLog(`ignored a contract from Tiger: ${problem}`, LogLevel.WARNING);
      return undefined;
    }
    const venue = c as TigerContract;
    const contract = contractFromTiger(venue, this.gatewayName);
    this.listings.set(contract.symbol, { contract, venue });
    this.byVenueSymbol.set(
      venue.secType === 'OPT' && venue.identifier ? venue.identifier : venue.symbol,
      contract.symbol,
    );
    this.byVenueSymbol.set(contract.symbol, contract.symbol);
    this.onContract(contract);
    return contract;
  }

  /** The listing for a Tiger instrument in a reply or push; logs once per unknown symbol. */
  private listingOf(secType: string, symbol: string, identifier?: string): Listing | undefined {
    const key = vntSymbol(secType, symbol, identifier);
    const listing = this.listings.get(this.byVenueSymbol.get(key) ?? key);
    if (!listing && !this.warned.has(key)) {
      this.warned.add(key);
      this.writeLog(
        `Tiger sent data for ${key}, a contract not loaded; add it to the Contracts setting`,
        LogLevel.WARNING,
      );
    }
    return listing;
  }

  // ---- market data -----------------------------------------------------------------------------------------

  override subscribe(req: SubscribeRequest): void {
    if (!this.push || !this.connected) throw new NotConnectedError(this.gatewayName);
    const listing = this.listings.get(req.symbol);
    if (!listing || listing.contract.exchange !== req.exchange) {
      throw new RequestError(`unknown Tiger symbol ${req.symbol}.${req.exchange}`);
    }
    const venueSymbol = this.venueSymbolOf(listing);
    if (!this.ticks.has(venueSymbol)) {
      const c = listing.contract;
      this.ticks.set(
        venueSymbol,
        createTick({
          gatewayName: this.gatewayName,
          symbol: c.symbol,
          exchange: c.exchange,
          datetime: Date.now(),
          name: c.name,
        }),
      );
    }
    const dataType =
      listing.venue.secType === 'OPT'
        ? DataType.Option
        : listing.venue.secType === 'FUT'
          ? DataType.Future
          : DataType.Quote;
    if (listing.venue.secType === 'STK') void this.snapshot(venueSymbol);
    this.push.subscribe(dataType, [venueSymbol]);
    this.push.subscribe(DataType.QuoteDepth, [venueSymbol]);
    this.push.subscribe(DataType.TradeTick, [venueSymbol]);
  }

  /**
   * The quote as it stands (`quote_real_time`), so a quiet instrument shows its price at once rather than at
   * its next change. A refusal (no quote permission) is logged; the pushes still come.
   */
  private async snapshot(venueSymbol: string): Promise<void> {
    try {
      const data = await this.call<TigerBrief[]>('quote_real_time', {
        symbols: [venueSymbol],
        include_hour_trading: false,
        lang: this.lang,
      });
      const b = Array.isArray(data) ? data.find((x) => x && x.symbol === venueSymbol) : undefined;
      const tick = this.ticks.get(venueSymbol);
      if (!b || !tick) return;
      applyBrief(tick, b);
      if (tick.lastPrice > 0 || tick.bidPrice1 > 0) this.emitTick(tick);
    } catch (error) {
      this.writeLog(`no quote snapshot for ${venueSymbol}: ${errorMessage(error)}`, LogLevel.WARNING);
    }
  }

  private venueSymbolOf(l: Listing): string {
    return l.venue.secType === 'OPT' && l.venue.identifier ? l.venue.identifier : l.venue.symbol;
  }

  private onPush(body: PushDataMsg): void {
    try {
      this.dispatch(body);
    } catch (error) {
      this.writeLog(`ignored a Tiger push that could not be read: ${errorMessage(error)}`, LogLevel.WARNING);
    }
  }

  private dispatch(body: PushDataMsg): void {
    if (body.quoteData) {
      const q = body.quoteData;
      const tick = this.ticks.get(q.identifier || q.symbol);
      if (tick && applyQuote(tick, q)) this.emitTick(tick);
    } else if (body.quoteDepthData) {
      const d = body.quoteDepthData;
      const tick = this.ticks.get(d.symbol);
      if (!tick) return;
      const problem = depthProblem(d);
      if (problem) throw new Error(`depth of ${d.symbol}: ${problem}`);
      applyDepth(tick, d);
      this.emitTick(tick);
    } else if (body.tradeTickData) {
      const tick = this.ticks.get(body.tradeTickData.symbol);
      if (!tick) return;
      const items = decodeTradeTicks(body.tradeTickData);
      const last = items[items.length - 1];
      if (!last) return;
      tick.lastPrice = last.price;
      tick.lastVolume = last.volume;
      tick.datetime = last.time;
      this.emitTick(tick);
    } else if (body.orderStatusData) {
      this.onOrderPush(body);
    } else if (body.orderTransactionData) {
      const t = body.orderTransactionData;
      const listing = this.listingOf(t.secType, t.symbol, t.identifier);
      if (!listing) return;
      const venueId = String(t.orderId);
      const orderid = this.byVenueId.get(venueId);
      if (orderid === undefined) {
        // A fill pushed before its order is known here (the order push and the place_order reply may come
        // later): held until the order is bound to its local id, so the trade names the right order.
        this.parkFill(venueId, t);
        return;
      }
      this.pushTrade(tradeFromPush(t, this.ref(orderid, listing), this.gatewayName));
      this.refreshHoldings();
    } else if (body.positionData) {
      const p = body.positionData;
      const listing = this.listingOf(p.secType, p.symbol, p.identifier);
      if (!listing) return;
      const c = listing.contract;
      const pos = positionFromPush(p, c.symbol, c.exchange, this.gatewayName);
      if (pos.volume !== 0) this.held.add(c.symbol);
      this.onPosition(pos);
    } else if (body.assetData) {
      // A standard account's assets are per segment (account.S, account.C, as prime_assets gives them); a
      // global account's are one figure (as `assets` gives it).
      const a = body.assetData;
      this.onAccount(accountFromPush(this.prime ? a : { ...a, segType: '' }, this.gatewayName));
    }
  }

  private emitTick(tick: TickData): void {
    tick.localtime = Date.now();
    this.onTick(copyTick(tick));
  }

  private onOrderPush(body: PushDataMsg): void {
    const o = body.orderStatusData!;
    if (!/^-?\d+$/.test(o.id)) throw new Error(`an order push has id ${quoteValue(o.id)}`);
    const listing = this.listingOf(o.secType, o.symbol, o.identifier);
    if (!listing) return;
    const orderid = this.localIdOf(o.id, o.userMark);
    const update = orderFromPush(o, this.ref(orderid, listing), this.gatewayName);
    this.applyUpdate(update);
  }

  /**
   * Bars from `kline`, paged by Tiger's page token (one symbol per call, as Tiger pages only then), oldest
   * first, each bar once.
   */
  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    if (!this.rest) throw new NotConnectedError(this.gatewayName);
    const listing = this.listings.get(req.symbol);
    if (!listing) throw new RequestError(`unknown Tiger symbol ${req.symbol}`);
    const symbol = this.venueSymbolOf(listing);
    const bars = new Map<number, BarData>();
    let token: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const data = await this.call<KlineEntry[]>('kline', {
        symbols: [symbol],
        period: PERIODS[req.interval],
        begin_time: req.start,
        end_time: req.end ?? Date.now(),
        limit: KLINE_PAGE,
        right: 'br',
        lang: this.lang,
        page_token: token,
      });
      const entry = Array.isArray(data) ? data.find((e) => e && e.symbol === symbol) : undefined;
      if (!entry || !Array.isArray(entry.items)) {
        if (Array.isArray(data) && data.length === 0) break;
        throw new VntError(`Tiger answered a kline query with ${quoteValue(data)}`);
      }
      for (const b of entry.items) {
        const problem = klineProblem(b);
        if (problem) this.writeLog(`ignored a bar from Tiger: ${problem}`, LogLevel.WARNING);
        else
          bars.set(
            b.time,
            barFromKline(
              b,
              listing.contract.symbol,
              listing.contract.exchange,
              req.interval,
              this.gatewayName,
            ),
          );
      }
      if (typeof entry.nextPageToken !== 'string' || entry.nextPageToken === '' || entry.items.length === 0)
        break;
      token = entry.nextPageToken;
    }
    return [...bars.values()].sort((a, b) => a.datetime - b.datetime);
  }

  // ---- orders ----------------------------------------------------------------------------------------------

  override sendOrder(req: OrderRequest): string {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const listing = this.listings.get(req.symbol);
    if (!listing) throw new RequestError(`unknown Tiger symbol ${req.symbol}`);
    const biz = this.orderBiz(req, listing);
    const orderid = this.ids.newLocalOrderid();
    biz.user_mark = orderid;
    const order = orderFromRequest(req, orderid, this.gatewayName);
    this.tracker.add(order);
    this.call<PlaceReply>('place_order', biz, false).then(
      (reply) => this.onPlaced(orderid, reply),
      (error: unknown) => this.orderFailed(orderid, error),
    );
    return order.vtOrderid;
  }

  private orderBiz(req: OrderRequest, l: Listing): Record<string, unknown> {
    const c = l.contract;
    const v = l.venue;
    let orderType: string;
    switch (req.type) {
      case OrderType.LIMIT:
        orderType = 'LMT';
        break;
      case OrderType.MARKET:
        orderType = 'MKT';
        break;
      case OrderType.STOP:
        orderType = 'STP';
        break;
      default:
        throw new RequestError(`Tiger takes no ${req.type} orders`);
    }
    const qty = Number(formatToStep(req.volume, c.volumeStep));
    const [quantity, scale] = quantityWithScale(qty);
    const price = Number(formatToStep(req.price, priceTickAt(c, req.price)));
    return {
      account: this.account,
      symbol: v.symbol,
      sec_type: v.secType,
      market: v.market,
      currency: v.currency,
      expiry: v.secType === 'OPT' ? v.expiry : undefined,
      strike: v.secType === 'OPT' ? String(v.strike ?? '') : undefined,
      right: v.secType === 'OPT' ? v.right : undefined,
      exchange: v.secType === 'FUT' ? v.primaryExchange : undefined,
      action: req.direction === Direction.SHORT ? 'SELL' : 'BUY',
      order_type: orderType,
      total_quantity: quantity,
      total_quantity_scale: scale > 0 ? scale : undefined,
      limit_price: orderType === 'LMT' ? price : undefined,
      aux_price: orderType === 'STP' ? price : undefined,
      time_in_force: this.tif,
      outside_rth: orderType === 'LMT' && v.market === 'US' ? this.outsideRth : undefined,
    };
  }

  private onPlaced(orderid: string, reply: PlaceReply): void {
    const problem = placeReplyProblem(reply);
    if (problem) {
      this.writeLog(
        `order ${orderid}: Tiger's reply is not a placement (${problem}); asking for it`,
        LogLevel.WARNING,
      );
      void this.findByMark(orderid);
      return;
    }
    const venueId = String(reply.id);
    this.bind(orderid, venueId);
    const placed = Array.isArray(reply.orders)
      ? reply.orders.find((o) => String(o.id) === venueId)
      : undefined;
    if (placed && !orderProblem(placed)) this.applyOrder(placed);
    else void this.refreshOrder(orderid);
  }

  private bind(orderid: string, venueId: string): void {
    if (this.ids.getVenueId(orderid) === undefined && !this.byVenueId.has(venueId)) {
      this.ids.bind(orderid, venueId);
      this.byVenueId.set(venueId, orderid);
      this.flushFills(venueId);
    }
  }

  /** The local id for a venue order: ours by user_mark or by id, or a new one for an order placed elsewhere. */
  private localIdOf(venueId: string, userMark: string | undefined): string {
    const known = this.byVenueId.get(venueId);
    if (known !== undefined) return known;
    if (userMark && this.tracker.get(userMark) && this.ids.getVenueId(userMark) === undefined) {
      this.ids.bind(userMark, venueId);
    }
    const local = this.ids.getLocalId(venueId);
    this.byVenueId.set(venueId, local);
    this.flushFills(venueId);
    return local;
  }

  private parkFill(venueId: string, t: TransactionMsg): void {
    const list = this.parkedFills.get(venueId);
    if (list) {
      list.push(t);
      return;
    }
    this.parkedFills.set(venueId, [t]);
    // Ask for the order: its user_mark says whose it is (and an order placed elsewhere gets an id of its own).
    void this.call<TigerOrder>('orders', { account: this.account, id: venueId })
      .then(
        (o) => {
          if (!orderProblem(o)) this.applyOrder(o);
        },
        (error: unknown) =>
          this.writeLog(`order ${venueId} of a fill: query failed: ${errorMessage(error)}`, LogLevel.WARNING),
      )
      .finally(() => {
        // Whatever the answer, the fills are not lost: they go to the order as known by now.
        if (this.parkedFills.has(venueId)) this.localIdOf(venueId, undefined);
      });
  }

  private flushFills(venueId: string): void {
    const parked = this.parkedFills.get(venueId);
    if (!parked) return;
    this.parkedFills.delete(venueId);
    const orderid = this.byVenueId.get(venueId)!;
    for (const t of parked) {
      const listing = this.listingOf(t.secType, t.symbol, t.identifier);
      if (listing) this.pushTrade(tradeFromPush(t, this.ref(orderid, listing), this.gatewayName));
    }
    this.refreshHoldings();
  }

  private ref(orderid: string, l: Listing): { orderid: string; symbol: string; exchange: Exchange } {
    return { orderid, symbol: l.contract.symbol, exchange: l.contract.exchange };
  }

  private applyOrder(o: TigerOrder): void {
    const listing = this.listingOf(o.secType, o.symbol, o.identifier);
    if (!listing) return;
    const orderid = this.localIdOf(String(o.id), o.userMark);
    this.applyUpdate(orderFromTiger(o, this.ref(orderid, listing), this.gatewayName));
  }

  private applyUpdate(update: ReturnType<typeof orderFromTiger>): void {
    const before = this.tracker.get(update.orderid);
    if (before && (before.price !== update.price || before.volume !== update.volume) && update.price > 0) {
      // Tiger modified the order in place (modify_order): new price or quantity, same ids.
      this.tracker.amend(update.orderid, update.price, update.volume);
    }
    this.tracker.update(update);
  }

  private pushTrade(trade: TradeData): void {
    if (this.tracker.trade(trade)) {
      this.tradedVolume.set(trade.orderid, (this.tradedVolume.get(trade.orderid) ?? 0) + trade.volume);
    }
  }

  private orderFailed(orderid: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      this.writeLog(`${error.message}; looking for order ${orderid} at Tiger`, LogLevel.WARNING);
      void this.findByMark(orderid);
      return;
    }
    this.ids.dropHeldCancel(orderid);
    const reason = error instanceof TigerApiError ? `Tiger: ${error.message}` : errorMessage(error);
    this.tracker.reject(orderid, reason);
    this.writeLog(`order ${orderid} rejected: ${reason}`, LogLevel.WARNING);
  }

  /** Finds an order whose placement had no answer by its user_mark in today's orders; rejects it when absent. */
  private async findByMark(orderid: string): Promise<void> {
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const orders = await this.listOrders(Date.now() - 24 * 3_600_000);
        const found = orders.find((o) => o.userMark === orderid);
        if (found) {
          this.bind(orderid, String(found.id));
          this.applyOrder(found);
          await this.readFillsOf([found]);
          return;
        }
        if (attempt >= 2) {
          this.ids.dropHeldCancel(orderid);
          this.tracker.reject(orderid, 'Tiger never received the order (not in its order list)');
          return;
        }
      } catch (error) {
        this.writeLog(`looking for order ${orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
      }
      if (!this.connected && attempt > 0) return;
      await new Promise((r) => setTimeout(r, 300 * 2 ** attempt));
    }
    this.writeLog(`could not learn the state of order ${orderid}; it stays as last known`, LogLevel.ERROR);
  }

  /** One order by Tiger id (the `orders` method with an id answers that order alone). */
  private async refreshOrder(orderid: string): Promise<void> {
    const venueId = this.ids.getVenueId(orderid);
    if (venueId === undefined) return;
    try {
      const o = await this.call<TigerOrder>('orders', { account: this.account, id: venueId });
      const problem = orderProblem(o);
      if (problem) throw new VntError(`the answer is not an order: ${problem}`);
      this.applyOrder(o);
      await this.readFillsOf([o]);
    } catch (error) {
      this.writeLog(`order ${orderid}: query failed: ${errorMessage(error)}`, LogLevel.WARNING);
    }
  }

  override cancelOrder(req: CancelRequest): void {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    this.ids.cancel(req);
  }

  private sendCancel(req: CancelRequest, venueId: string): void {
    this.call<{ id?: unknown }>('cancel_order', { account: this.account, id: venueId }, false).then(
      () => {
        if (!this.push?.isReady) void this.refreshOrder(req.orderid);
      },
      (error: unknown) => {
        this.writeLog(`cancel of ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.orderid);
      },
    );
  }

  override amendOrder(req: AmendRequest): void {
    if (!this.rest || !this.connected) throw new NotConnectedError(this.gatewayName);
    const order = this.tracker.get(req.orderid);
    const venueId = this.ids.getVenueId(req.orderid);
    const listing = this.listings.get(req.symbol);
    if (!order || !listing) throw new RequestError(`unknown order ${req.orderid}`);
    if (venueId === undefined) throw new RequestError(`order ${req.orderid} has no Tiger id yet; try again`);
    if (order.status !== Status.NOTTRADED && order.status !== Status.PARTTRADED) {
      throw new RequestError(`order ${req.orderid} is ${order.status}, not working`);
    }
    const biz = this.orderBiz(
      { ...order, price: req.price ?? order.price, volume: req.volume ?? order.volume },
      listing,
    );
    biz.id = venueId;
    this.call<{ id?: unknown }>('modify_order', biz, false).then(
      () => this.refreshOrder(req.orderid),
      (error: unknown) => {
        this.writeLog(`amend of ${req.orderid} refused: ${errorMessage(error)}`, LogLevel.WARNING);
        void this.refreshOrder(req.orderid);
      },
    );
  }

  // ---- account, positions, reconciliation ------------------------------------------------------------------

  override queryAccount(): void {
    this.queryAssetsNow().catch((e: unknown) =>
      this.writeLog(`asset query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  override queryPosition(): void {
    this.queryPositionsNow().catch((e: unknown) =>
      this.writeLog(`position query failed: ${errorMessage(e)}`, LogLevel.WARNING),
    );
  }

  private async queryAssetsNow(): Promise<void> {
    if (this.prime) {
      const a = await this.call<PrimeAssets>('prime_assets', { account: this.account, base_currency: 'USD' });
      const problem = primeAssetsProblem(a);
      if (problem) throw new VntError(`Tiger answered the asset query with something else: ${problem}`);
      for (const acc of accountsFromPrime(a, this.account, this.gatewayName)) this.onAccount(acc);
      return;
    }
    // Global accounts: `assets` lists one item per account with net liquidation and available funds.
    const data = await this.call<{ items?: unknown }>('assets', { account: this.account });
    const items = data?.items;
    if (!Array.isArray(items)) throw new VntError(`Tiger answered the asset query with ${quoteValue(data)}`);
    for (const item of items as Record<string, unknown>[]) {
      const net = Number(item.netLiquidation);
      const available = Number(item.availableFunds ?? item.buyingPower ?? 0);
      if (!Number.isFinite(net)) continue;
      this.onAccount(
        accountFromPush(
          {
            account: String(item.account ?? this.account),
            currency: String(item.currency ?? 'USD'),
            segType: '',
            availableFunds: Number.isFinite(available) ? available : 0,
            excessLiquidity: 0,
            netLiquidation: net,
            equityWithLoan: 0,
            buyingPower: 0,
            cashBalance: 0,
            grossPositionValue: 0,
            initMarginReq: 0,
            maintMarginReq: 0,
            timestamp: '0',
          },
          this.gatewayName,
        ),
      );
    }
  }

  private async queryPositionsNow(): Promise<void> {
    const data = await this.call<{ items: TigerPosition[] }>('positions', { account: this.account });
    const problem = pageProblem(data);
    if (problem) throw new VntError(`Tiger answered the positions query with something else: ${problem}`);
    const readable = data.items.filter((p) => !positionProblem(p));
    await this.loadMissing(readable);
    const now = new Set<string>();
    let unreadable = false;
    for (const p of data.items) {
      const bad = positionProblem(p);
      const listing = bad ? undefined : this.listingOf(p.secType, p.symbol, p.identifier);
      if (bad) this.writeLog(`ignored a position from Tiger: ${bad}`, LogLevel.WARNING);
      if (bad) unreadable = true;
      if (!listing) continue;
      const c = listing.contract;
      now.add(c.symbol);
      this.onPosition(positionFromTiger(p, c.symbol, c.exchange, this.gatewayName));
    }
    // Tiger lists held positions only: one that disappeared was closed. Unless an item could not be read:
    // it may be the one that seems to have disappeared, so nothing is flattened on such a reply.
    if (unreadable) return;
    for (const symbol of this.held) {
      const l = this.listings.get(symbol);
      if (!now.has(symbol) && l) this.onPosition(flatPosition(symbol, l.contract.exchange, this.gatewayName));
    }
    this.held.clear();
    for (const s of now) this.held.add(s);
  }

  /** Assets and positions after fills; one query at a time, and one more if fills came in meanwhile. */
  private readonly holdings = new Coalesced(
    async () => {
      try {
        await this.queryAssetsNow();
        await this.queryPositionsNow();
      } catch (error) {
        this.writeLog(`asset refresh failed: ${errorMessage(error)}`, LogLevel.WARNING);
      }
    },
    () => this.connected,
  );

  private refreshHoldings(): void {
    this.holdings.request();
  }

  /** Orders opened since `since`, all pages. */
  private async listOrders(since: number): Promise<TigerOrder[]> {
    const out: TigerOrder[] = [];
    let token: string | undefined;
    for (let page = 0; page < 50; page++) {
      const data = await this.call<OrderPage>('orders', {
        account: this.account,
        start_date: since,
        end_date: Date.now() + MARGIN_MS,
        limit: ORDER_PAGE,
        page_token: token,
      });
      const problem = pageProblem(data);
      if (problem) throw new VntError(`Tiger answered an order list with something else: ${problem}`);
      for (const o of data.items) {
        const bad = orderProblem(o);
        if (bad) this.writeLog(`ignored an order in a Tiger reply: ${bad}`, LogLevel.WARNING);
        else out.push(o);
      }
      if (!data.nextPageToken || data.items.length === 0) break;
      token = data.nextPageToken;
    }
    return out;
  }

  /** Contracts of held or ordered stocks and futures not loaded yet (placed elsewhere, or before a restart). */
  private async loadMissing(
    items: readonly { secType: string; symbol: string; identifier?: string | undefined }[],
  ): Promise<void> {
    const stocks = items
      .filter((i) => i.secType === 'STK' && !this.byVenueSymbol.has(i.symbol))
      .map((i) => i.symbol);
    if (stocks.length > 0) await this.loadContracts(stocks);
    const futures = items
      .filter((i) => i.secType === 'FUT' && i.identifier && !this.byVenueSymbol.has(i.identifier))
      .map((i) => i.identifier!);
    if (futures.length > 0) await this.loadFutures(futures);
  }

  /** Orders since `since`, then the fills of those whose filled quantity is ahead of the trades pushed. */
  private async readBack(since: number): Promise<void> {
    const orders = await this.listOrders(since);
    await this.loadMissing(orders);
    for (const o of orders) this.localIdOf(String(o.id), o.userMark);
    // Fills first, so each order's status follows its trades.
    await this.readFillsOf(orders);
    for (const o of orders) this.applyOrder(o);
  }

  private async readFillsOf(orders: readonly TigerOrder[]): Promise<void> {
    for (const o of orders) {
      const orderid = this.localIdOf(String(o.id), o.userMark);
      const filled = scaled(o.filledQuantity, o.filledQuantityScale);
      if (!(filled > (this.tradedVolume.get(orderid) ?? 0) + EPS)) continue;
      const listing = this.listingOf(o.secType, o.symbol, o.identifier);
      if (!listing) continue;
      let token: string | undefined;
      for (let page = 0; page < 20; page++) {
        const data = await this.call<TransactionPage>('order_transactions', {
          account: this.account,
          order_id: String(o.id),
          limit: 100,
          page_token: token,
        });
        const problem = pageProblem(data);
        if (problem)
          throw new VntError(`Tiger answered a transactions query with something else: ${problem}`);
        for (const t of data.items) {
          const bad = transactionProblem(t);
          if (bad) {
            this.writeLog(`ignored a fill in a Tiger reply: ${bad}`, LogLevel.WARNING);
            continue;
          }
          this.pushTrade(tradeFromTransaction(t, this.ref(orderid, listing), this.gatewayName));
        }
        if (!data.nextPageToken || data.items.length === 0) break;
        token = data.nextPageToken;
      }
    }
  }

  /** After the push link came back: what happened while it was down, from REST; then CONNECTED. */
  private reconcile(): Promise<void> {
    this.reconciling ??= (async () => {
      try {
        let since = this.downSince || Date.now();
        for (const o of this.tracker.active()) if (o.datetime && o.datetime < since) since = o.datetime;
        await this.readBack(since - MARGIN_MS);
        await this.queryAssetsNow();
        await this.queryPositionsNow();
        for (const o of this.tracker.active()) {
          if (o.status === Status.SUBMITTING && this.ids.getVenueId(o.orderid) === undefined) {
            await this.findByMark(o.orderid);
          }
        }
        if (this.connected && this.push?.isReady) this.setStatus(GatewayStatus.CONNECTED);
      } catch (error) {
        this.writeLog(`reconciliation after the reconnect failed: ${errorMessage(error)}`, LogLevel.WARNING);
        // Try again shortly: the state must be read back before the gateway says CONNECTED.
        setTimeout(() => {
          if (this.connected) void this.reconcile();
        }, 1000).unref();
      } finally {
        this.reconciling = undefined;
      }
    })();
    return this.reconciling;
  }

  private linkStatus(up: boolean, reason: string): void {
    if (!this.connected) return;
    if (!up) {
      this.downSince = Date.now();
      this.setStatus(GatewayStatus.RECONNECTING, `push link: ${reason}`);
    }
    // Up: CONNECTED once reconcile() has read back what was missed.
  }
}

/** An option identifier's fields (OCC form: root, yymmdd, C/P, strike × 1000 in 8 digits), else undefined. */
export function optionOf(
  identifier: string,
): { symbol: string; expiry: string; right: 'CALL' | 'PUT'; strike: string } | undefined {
  const m = /^([A-Z][A-Z0-9.]{0,5})\s*(\d{6})([CP])(\d{8})$/.exec(identifier.trim());
  if (!m) return undefined;
  return {
    symbol: m[1]!,
    expiry: `20${m[2]!}`,
    right: m[3] === 'C' ? 'CALL' : 'PUT',
    strike: String(Number(m[4]!) / 1000),
  };
}

/** A quantity as Tiger takes it: an integer and a decimal scale (0.00773 → [773, 5]). */
export function quantityWithScale(qty: number): [number, number] {
  if (Number.isInteger(qty)) return [qty, 0];
  for (let scale = 1; scale <= 9; scale++) {
    const q = qty * 10 ** scale;
    if (Math.abs(q - Math.round(q)) < 1e-6) return [Math.round(q), scale];
  }
  throw new RequestError(`quantity ${qty} has more than 9 decimals`);
}
