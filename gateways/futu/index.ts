// The FUTU gateway: HK, US and China A-share stocks through the user's own Futu OpenD (TCP, protobuf bodies).
// vtSymbol is Futu's code and vnt's exchange: 00700.SEHK, AAPL.SMART, 600519.SSE, 000001.SZSE. Every order vnt
// sends carries its vnt order id as Futu's `remark`, so an order whose PlaceOrder answer was lost is found in
// OpenD's order list after reconnecting and never sent twice. Positions are not pushed by OpenD: they and the
// funds are queried again after every fill and at every (re)connect.
import { createHash, type KeyObject } from 'node:crypto';
import { Direction, Exchange, GatewayStatus, LogLevel, OrderType, Status } from '../../src/core/constant.js';
import { errorMessage, RequestError } from '../../src/core/errors.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import {
  isActive,
  makeVtSymbol,
  orderFromRequest,
  type AmendRequest,
  type BarData,
  type CancelRequest,
  type ContractData,
  type HistoryRequest,
  type OrderRequest,
  type PositionData,
  type SubscribeRequest,
  type TickData,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { backoffDelay } from '../common/backoff.js';
import { OrderTracker } from '../common/order-tracker.js';
import { SlidingWindowPacer } from './pacer.js';
import { copyTick } from '../common/tick.js';
import { FutuError, OpenDClient } from './client.js';
import { loadRsaKey } from './crypto.js';
import {
  checkHkPrice,
  HK_SPREAD_CHOICES,
  priceBandsFor,
  stepAt,
  tableFor,
  type HkSpreadChoice,
} from './spreads.js';
import {
  accountFromFunds,
  applyBasicQot,
  applyOrderBook,
  applyTickers,
  barFromKLine,
  contractFromStatic,
  emptyTick,
  EXCHANGE_TO_QOT,
  EXCHANGE_TO_SEC,
  EXCHANGES_OF,
  formatMarketTime,
  KL_OF,
  ORDER_TYPE_TO_FUTU,
  ORDER_TYPES_OF,
  orderFromFutu,
  positionFromFutu,
  QOT_MARKETS_OF,
  TRD_MARKET_OF,
  tradeFromFill,
  type FutuMarket,
} from './parse.js';
import {
  GTW_EVENT,
  MODIFY_ORDER_OP,
  NOTIFY_TYPE,
  PROTO,
  SECURITY_TYPE,
  SUB_TYPE,
  TRD_ENV,
  TRD_SIDE,
} from './protocol.js';
import type {
  BasicQot,
  Funds,
  FutuOrder,
  FutuOrderFill,
  FutuPosition,
  GlobalStateS2C,
  HistoryKLS2C,
  NotifyS2C,
  OrderBookS2C,
  Reply,
  StaticInfo,
  TickerS2C,
  TrdAcc,
  TrdHeader,
} from './types.js';

const HISTORY_PAGE = 1000;
const HISTORY_MAX_PAGES = 100;

interface OrderLink {
  /** Futu's order id, once OpenD has named it. */
  futuId: string;
  /** A cancel asked for before the id was known. */
  cancelHeld: boolean;
}

export class FutuGateway extends BaseGateway {
  static override readonly defaultName: string = 'FUTU';
  static override readonly defaultSetting: SettingSchema = {
    host: { type: 'string', default: '127.0.0.1', label: 'OpenD address' },
    port: { type: 'integer', default: 11111, min: 1, max: 65535, label: 'OpenD port' },
    password: { type: 'secret', default: '', label: 'Trade password', help: 'its MD5 unlocks REAL trading' },
    market: { type: 'choice', choices: ['HK', 'US', 'CN'], default: 'HK', label: 'Market' },
    env: { type: 'choice', choices: ['REAL', 'SIMULATE'], default: 'SIMULATE', label: 'Environment' },
    ordersPer30s: {
      type: 'integer',
      default: 15,
      min: 1,
      max: 10_000,
      label: 'Order requests per 30 s',
      help: "OpenD's limit per account for PlaceOrder and for ModifyOrder (Futu documents 15)",
    },
    hkSpreads: {
      type: 'choice',
      choices: HK_SPREAD_CHOICES,
      default: 'HKEX 2025',
      label: 'HK spread table',
      help: 'HKEX 2025: since 2025-08-04; HKEX 2026: with phase 2 (0.005 from 0.50 to 10); off: OpenD checks',
    },
    rsaKeyFile: {
      type: 'string',
      default: '',
      label: 'RSA private key file',
      help: "OpenD's encrypted mode: the PEM file of its rsa_private_key (empty: no encryption)",
    },
  };
  static override readonly exchanges: readonly Exchange[] = [
    Exchange.SEHK,
    Exchange.SMART,
    Exchange.SSE,
    Exchange.SZSE,
  ];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: ORDER_TYPES_OF.HK,
    history: true,
    offsets: false,
    amend: true,
  };

  private setting: {
    host: string;
    port: number;
    password: string;
    market: FutuMarket;
    real: boolean;
    rsaKey?: KeyObject;
  } = { host: '127.0.0.1', port: 11111, password: '', market: 'HK', real: false };
  private client: OpenDClient | undefined;
  private header: TrdHeader = { trdEnv: 0, accID: '0', trdMarket: 1 };
  private linkUp = false;
  private closing = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  private readonly links = new Map<string, OrderLink>();
  private readonly byFutuId = new Map<string, string>();
  /** Fills whose order OpenD has not yet tied to one of ours (the push may beat PlaceOrder's answer). */
  private readonly unboundFills = new Map<string, FutuOrderFill[]>();
  private readonly idPrefix = `v${Date.now().toString(36)}`;
  private seq = 0;
  private readonly contracts = new Map<string, ContractData>();
  private readonly subs = new Map<string, { code: string; exchange: Exchange }>();
  private readonly ticks = new Map<string, TickData>();
  private readonly positions = new Map<string, PositionData>();
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private trdLoggedIn = true;
  private hkSpreads: HkSpreadChoice = 'HKEX 2025';
  private readonly spreadWarned = new Set<string>();
  private placePacer = new SlidingWindowPacer(15, 30_000);
  private modifyPacer = new SlidingWindowPacer(15, 30_000);

  async connect(setting: GatewaySetting): Promise<void> {
    const host = String(setting['host'] ?? '').trim();
    if (!host) throw new Error('setting "host" is empty');
    const market = String(setting['market'] ?? 'HK').toUpperCase();
    if (market !== 'HK' && market !== 'US' && market !== 'CN') {
      throw new Error(`setting "market" must be HK, US or CN (not "${market}")`);
    }
    const env = String(setting['env'] ?? 'SIMULATE').toUpperCase();
    if (env !== 'REAL' && env !== 'SIMULATE')
      throw new Error(`setting "env" must be REAL or SIMULATE (not "${env}")`);
    const password = String(setting['password'] ?? '');
    if (env === 'REAL' && !password)
      throw new Error('REAL trading needs the trade password (setting "password")');
    const spreads = String(setting['hkSpreads'] ?? 'HKEX 2025');
    if (!(HK_SPREAD_CHOICES as readonly string[]).includes(spreads)) {
      throw new Error(
        `setting "hkSpreads" must be one of ${HK_SPREAD_CHOICES.join(', ')} (not "${spreads}")`,
      );
    }
    this.hkSpreads = spreads as HkSpreadChoice;
    this.spreadWarned.clear();
    const keyFile = String(setting['rsaKeyFile'] ?? '').trim();
    let rsaKey: KeyObject | undefined;
    if (keyFile) {
      const loaded = loadRsaKey(keyFile);
      rsaKey = loaded.key;
      if (loaded.loose)
        this.writeLog(`RSA key file ${keyFile} is readable by other users: chmod 600 it`, LogLevel.WARNING);
    }
    this.setting = { host, port: Number(setting['port']), password, market, real: env === 'REAL', rsaKey };
    const perWindow = Math.max(1, Math.floor(Number(setting['ordersPer30s'] ?? 15)) || 15);
    this.placePacer.clear();
    this.modifyPacer.clear();
    this.placePacer = new SlidingWindowPacer(perWindow, 30_000);
    this.modifyPacer = new SlidingWindowPacer(perWindow, 30_000);
    this.closing = false;
    this.setStatus(GatewayStatus.CONNECTING, `connecting to OpenD at ${host}:${this.setting.port}`);
    try {
      await this.openLink();
    } catch (error) {
      this.shutdownLink();
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
    this.setStatus(
      GatewayStatus.CONNECTED,
      `connected to OpenD (${env} ${market}, account ${this.header.accID})`,
    );
    await this.eventEngine.idle();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.placePacer.clear();
    this.modifyPacer.clear();
    this.shutdownLink();
    this.setStatus(GatewayStatus.DISCONNECTED, 'closed');
  }

  subscribe(req: SubscribeRequest): void {
    const code = req.symbol.trim().toUpperCase();
    if (EXCHANGE_TO_QOT[req.exchange] === undefined || !code) {
      this.writeLog(`subscribe ${req.symbol}.${req.exchange}: not a FUTU market`, LogLevel.ERROR);
      return;
    }
    const vtSymbol = makeVtSymbol(code, req.exchange);
    if (this.subs.has(vtSymbol)) return;
    this.subs.set(vtSymbol, { code, exchange: req.exchange });
    if (this.linkUp) void this.startQuotes(vtSymbol);
  }

  sendOrder(request: OrderRequest): string {
    let req = request;
    if (!EXCHANGES_OF[this.setting.market].includes(req.exchange)) {
      throw new RequestError(
        `${req.exchange} is not traded in the ${this.setting.market} market of this connection`,
      );
    }
    const futuType = ORDER_TYPE_TO_FUTU[req.type];
    const offered = ORDER_TYPES_OF[this.setting.market];
    if (futuType === undefined || !offered.includes(req.type)) {
      throw new RequestError(
        `order type ${req.type} is not offered by OpenD for ${this.setting.market} (offered: ${offered.join(', ')})`,
      );
    }
    if (!(req.volume > 0)) throw new RequestError(`volume ${req.volume} is not positive`);
    if (req.type === OrderType.LIMIT && !(req.price > 0))
      throw new RequestError(`price ${req.price} is not positive`);
    if (req.type === OrderType.LIMIT)
      req = { ...req, price: this.legalPrice(req.symbol, req.exchange, req.price) };
    const orderid = `${this.idPrefix}-${++this.seq}`;
    const order = orderFromRequest(
      { ...req, symbol: req.symbol.trim().toUpperCase() },
      orderid,
      this.gatewayName,
    );
    this.tracker.add(order);
    this.links.set(orderid, { futuId: '', cancelHeld: false });
    if (!this.linkUp || !this.client) {
      this.tracker.reject(orderid, 'not connected to OpenD');
      return order.vtOrderid;
    }
    if (this.placePacer.backlog > 0) {
      this.writeLog(`order ${orderid} waits for OpenD's order rate limit`, LogLevel.DEBUG);
    }
    this.placePacer.run(() => this.placeNow(orderid, req, futuType));
    return order.vtOrderid;
  }

  private placeNow(orderid: string, req: OrderRequest, futuType: number): void {
    const client = this.client;
    if (!this.linkUp || !client) {
      this.tracker.reject(orderid, 'not connected to OpenD');
      return;
    }
    const serialNo = client.nextSerial();
    client
      .call<{ orderID?: string }>(
        'Trd_PlaceOrder',
        {
          packetID: { connID: client.connID, serialNo },
          header: this.header,
          trdSide: req.direction === Direction.SHORT ? TRD_SIDE.Sell : TRD_SIDE.Buy,
          orderType: futuType,
          code: req.symbol.trim().toUpperCase(),
          qty: req.volume,
          price: req.type === OrderType.MARKET ? 0 : req.price,
          secMarket: EXCHANGE_TO_SEC[req.exchange],
          remark: orderid,
          timeInForce: 0,
        },
        serialNo,
      )
      .then(
        (s2c) => {
          if (typeof s2c.orderID === 'string') this.bind(orderid, s2c.orderID);
          const current = this.tracker.get(orderid);
          if (current?.status === Status.SUBMITTING)
            this.tracker.update({ ...current, status: Status.NOTTRADED });
        },
        (error) => {
          if (error instanceof FutuError) {
            this.tracker.reject(orderid, error.message);
            this.writeLog(`order ${orderid} rejected: ${error.message}`, LogLevel.WARNING);
          } else {
            // Sent, but no answer: the order is looked for by its remark in the next reconciliation.
            this.writeLog(
              `order ${orderid}: outcome unknown (${errorMessage(error)}); reconciling`,
              LogLevel.WARNING,
            );
            if (this.linkUp)
              void this.reconcile().catch((e) => this.writeLog(errorMessage(e), LogLevel.WARNING));
          }
        },
      );
  }

  cancelOrder(req: CancelRequest): void {
    const order = this.tracker.get(req.orderid);
    const link = this.links.get(req.orderid);
    if (!order) throw new RequestError(`unknown order ${req.orderid}`);
    if (!isActive(order)) throw new RequestError(`order ${req.orderid} is ${order.status}, not active`);
    if (!link?.futuId || !this.linkUp) {
      if (link) link.cancelHeld = true;
      this.writeLog(`cancel of ${req.orderid} held until OpenD has acknowledged the order`, LogLevel.INFO);
      return;
    }
    this.sendCancel(req.orderid, link.futuId);
  }

  override amendOrder(req: AmendRequest): void {
    const order = this.tracker.get(req.orderid);
    const link = this.links.get(req.orderid);
    if (!order) throw new RequestError(`unknown order ${req.orderid}`);
    if (!isActive(order)) throw new RequestError(`order ${req.orderid} is ${order.status}, not active`);
    if (!link?.futuId || !this.linkUp || !this.client) {
      throw new RequestError(`order ${req.orderid} is not acknowledged by OpenD yet; amend it once it is`);
    }
    const futuId = link.futuId;
    const price =
      req.price !== undefined && order.type !== OrderType.MARKET
        ? this.legalPrice(order.symbol, order.exchange, req.price)
        : req.price;
    this.modifyPacer.run(() => this.amendNow({ ...req, price }, futuId));
  }

  override capabilitiesFor(vtSymbol: string): GatewayCapabilities {
    const market = this.marketOfExchange(this.contracts.get(vtSymbol)?.exchange ?? Exchange.SEHK);
    return { ...FutuGateway.capabilities, orderTypes: ORDER_TYPES_OF[market] };
  }

  /** An HK limit price checked against HKEX's spread table (setting hkSpreads); other markets pass as they are. */
  private legalPrice(symbol: string, exchange: Exchange, price: number): number {
    if (exchange !== Exchange.SEHK) return price;
    const vtSymbol = makeVtSymbol(symbol.trim().toUpperCase(), exchange);
    const table = tableFor(this.hkSpreads, this.contracts.get(vtSymbol)?.product);
    if (!table) return price;
    const check = checkHkPrice(price, table);
    if (!check.ok) throw new RequestError(`${vtSymbol}: ${check.reason}`);
    return check.price;
  }

  /** OpenD's step at the current price against the table's: a difference means the table is not HKEX's now. */
  private compareSpread(tick: TickData, q: BasicQot): void {
    if (tick.exchange !== Exchange.SEHK || this.spreadWarned.has(tick.vtSymbol)) return;
    const table = tableFor(this.hkSpreads, this.contracts.get(tick.vtSymbol)?.product);
    const spread = Number(q.priceSpread);
    const price = Number(q.curPrice);
    if (!table || !(spread > 0) || !(price > 0)) return;
    // At a band's bound OpenD may quote the step above it (its priceSpread is the step upwards).
    const steps = [stepAt(price, table), stepAt(price * (1 + 1e-9) + 1e-9, table)];
    if (steps.some((s) => s !== undefined && Math.abs(s - spread) < 1e-9)) return;
    this.spreadWarned.add(tick.vtSymbol);
    this.writeLog(
      `${tick.vtSymbol}: OpenD's price step at ${price} is ${spread}, but spread table "${this.hkSpreads}" ` +
        `says ${steps[0] ?? 'none'}: set "hkSpreads" to the table HKEX applies now (or "off")`,
      LogLevel.WARNING,
    );
  }

  private amendNow(req: AmendRequest, futuId: string): void {
    const client = this.client;
    const order = this.tracker.get(req.orderid);
    if (!client || !this.linkUp || !order || !isActive(order)) return;
    const serialNo = client.nextSerial();
    client
      .call(
        'Trd_ModifyOrder',
        {
          packetID: { connID: client.connID, serialNo },
          header: this.header,
          orderID: futuId,
          modifyOrderOp: MODIFY_ORDER_OP.Normal,
          qty: req.volume ?? order.volume,
          price: req.price ?? order.price,
        },
        serialNo,
      )
      .catch((error) =>
        this.writeLog(`amend of ${req.orderid} refused: ${errorMessage(error)}`, LogLevel.WARNING),
      );
  }

  override queryAccount(): void {
    void this.refreshAccount();
  }

  override queryPosition(): void {
    void this.refreshAccount();
  }

  override async queryHistory(req: HistoryRequest): Promise<BarData[]> {
    const client = this.client;
    if (!client || !this.linkUp) throw new RequestError('not connected to OpenD');
    const market = EXCHANGE_TO_QOT[req.exchange];
    const klType = KL_OF[req.interval];
    if (market === undefined) throw new RequestError(`${req.exchange} is not a FUTU market`);
    if (klType === undefined) throw new RequestError(`interval ${req.interval} is not offered by OpenD`);
    const end = req.end ?? Date.now();
    const bars: BarData[] = [];
    let nextReqKey: Buffer | undefined;
    for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
      const s2c = await client.call<HistoryKLS2C>('Qot_RequestHistoryKL', {
        rehabType: 0,
        klType,
        security: { market, code: req.symbol },
        beginTime: formatMarketTime(req.start, this.marketOfExchange(req.exchange)),
        endTime: formatMarketTime(end, this.marketOfExchange(req.exchange)),
        maxAckKLNum: HISTORY_PAGE,
        ...(nextReqKey ? { nextReqKey } : {}),
      });
      for (const k of s2c.klList ?? []) {
        const bar = barFromKLine(k, req.symbol, req.exchange, req.interval, this.gatewayName);
        if (bar && bar.datetime >= req.start && bar.datetime <= end) bars.push(bar);
      }
      if (!s2c.nextReqKey || s2c.nextReqKey.length === 0) break;
      nextReqKey = s2c.nextReqKey;
    }
    return bars;
  }

  // ---- link ----------------------------------------------------------------------------------------------

  private marketOfExchange(e: Exchange): FutuMarket {
    return e === Exchange.SEHK ? 'HK' : e === Exchange.SMART ? 'US' : 'CN';
  }

  private async openLink(): Promise<void> {
    const { host, port, market, real, rsaKey } = this.setting;
    const client = new OpenDClient(
      { host, port, clientId: 'vnt', ...(rsaKey ? { rsaKey } : {}) },
      {
        push: (protoId, reply) => this.onPushSafe(client, protoId, reply),
        closed: (reason) => this.onLinkClosed(client, reason),
        malformed: (reason) => this.writeLog(`OpenD: ${reason}`, LogLevel.WARNING),
      },
    );
    this.client = client;
    const init = await client.connect();
    const state = await client.call<GlobalStateS2C>('GetGlobalState', { userID: client.userID });
    if (!state.qotLogined) this.writeLog('OpenD is not logged in to quotes', LogLevel.WARNING);
    this.trdLoggedIn = state.trdLogined !== false;
    if (!this.trdLoggedIn) this.writeLog('OpenD is not logged in to trading', LogLevel.WARNING);
    const accs = await client.call<{ accList?: TrdAcc[] }>('Trd_GetAccList', {
      userID: client.userID,
      trdCategory: 1,
    });
    const trdEnv = real ? TRD_ENV.Real : TRD_ENV.Simulate;
    const trdMarket = TRD_MARKET_OF[market];
    const list = accs.accList ?? [];
    const acc = list.find(
      (a) => a.trdEnv === trdEnv && (a.trdMarketAuthList ?? []).includes(trdMarket) && a.accStatus !== 1,
    );
    if (!acc?.accID) {
      const have =
        list.map((a) => `${a.accID} (${a.trdEnv === 1 ? 'REAL' : 'SIMULATE'})`).join(', ') || 'none';
      throw new Error(`OpenD lists no ${real ? 'REAL' : 'SIMULATE'} ${market} account (it has: ${have})`);
    }
    if (this.header.accID !== '0' && this.header.accID !== acc.accID) this.tracker.clear();
    this.header = { trdEnv, accID: acc.accID, trdMarket };
    if (real) await this.unlock(client);
    await client.call('Trd_SubAccPush', { accIDList: [acc.accID] });
    for (const qotMarket of QOT_MARKETS_OF[market]) {
      const s2c = await client.call<{ staticInfoList?: StaticInfo[] }>('Qot_GetStaticInfo', {
        market: qotMarket,
        secType: SECURITY_TYPE.Eqty,
      });
      for (const info of s2c.staticInfoList ?? []) {
        try {
          const c = contractFromStatic(info, this.gatewayName, (exchange, product) =>
            priceBandsFor(exchange, product, this.hkSpreads),
          );
          this.contracts.set(c.vtSymbol, c);
          this.onContract(c);
        } catch (error) {
          this.writeLog(`skipped a security from OpenD: ${errorMessage(error)}`, LogLevel.WARNING);
        }
      }
    }
    await this.reconcile(client);
    this.linkUp = true;
    this.attempt = 0;
    this.writeLog(
      `OpenD ${init.serverVer} at ${host}:${port}${client.encrypted ? ' (encrypted)' : ''}: ` +
        `${real ? 'REAL' : 'SIMULATE'} ${market} account ${acc.accID}`,
    );
    for (const vtSymbol of this.subs.keys()) void this.startQuotes(vtSymbol);
    for (const [orderid, link] of this.links) {
      if (
        link.cancelHeld &&
        link.futuId &&
        isActive(this.tracker.get(orderid) ?? { status: Status.CANCELLED })
      )
        this.sendCancel(orderid, link.futuId);
    }
  }

  private async unlock(client: OpenDClient): Promise<void> {
    const pwdMD5 = createHash('md5').update(this.setting.password, 'utf8').digest('hex');
    try {
      await client.call('Trd_UnlockTrade', { unlock: true, pwdMD5 });
    } catch (error) {
      // OpenD's retMsg; the password itself is never in it or in this message.
      throw new Error(
        `trade unlock failed: ${error instanceof FutuError ? error.retMsg || error.message : errorMessage(error)}`,
      );
    }
  }

  private shutdownLink(): void {
    this.linkUp = false;
    const client = this.client;
    this.client = undefined;
    client?.close();
  }

  private onLinkClosed(client: OpenDClient, reason: string): void {
    if (client !== this.client) return;
    const wasUp = this.linkUp;
    this.linkUp = false;
    this.client = undefined;
    // During connect() the attempt fails by itself; a reconnect attempt's failure schedules the next one.
    if (!wasUp || this.closing) return;
    this.writeLog(`link to OpenD lost: ${reason}; reconnecting`, LogLevel.WARNING);
    this.setStatus(GatewayStatus.RECONNECTING, reason);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const delay = backoffDelay(this.attempt, { baseMs: 200, maxMs: 30_000 });
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.openLink().then(
        () => {
          if (this.closing) return this.shutdownLink();
          this.setStatus(GatewayStatus.CONNECTED, 'reconnected to OpenD');
          this.writeLog('reconnected to OpenD; orders, fills, positions and funds reconciled');
        },
        (error) => {
          this.shutdownLink();
          if (this.closing) return;
          this.writeLog(`reconnect attempt ${this.attempt} failed: ${errorMessage(error)}`, LogLevel.DEBUG);
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  // ---- market data ---------------------------------------------------------------------------------------

  private async startQuotes(vtSymbol: string): Promise<void> {
    const sub = this.subs.get(vtSymbol);
    const client = this.client;
    if (!sub || !client) return;
    if (!this.ticks.has(vtSymbol)) {
      const name = this.contracts.get(vtSymbol)?.name ?? '';
      this.ticks.set(vtSymbol, emptyTick(sub.code, sub.exchange, name, this.gatewayName));
    }
    try {
      await client.call('Qot_Sub', {
        securityList: [{ market: EXCHANGE_TO_QOT[sub.exchange], code: sub.code }],
        subTypeList: [SUB_TYPE.Basic, SUB_TYPE.OrderBook, SUB_TYPE.Ticker],
        isSubOrUnSub: true,
        isRegOrUnRegPush: true,
        isFirstPush: true,
      });
    } catch (error) {
      const why = error instanceof FutuError ? error.retMsg || error.message : errorMessage(error);
      if (error instanceof FutuError) {
        // A refusal (quota, unknown code) stands until the user acts; a lost link retries at reconnect.
        this.subs.delete(vtSymbol);
        this.ticks.delete(vtSymbol);
      }
      this.writeLog(`subscribe ${vtSymbol} refused by OpenD: ${why}`, LogLevel.ERROR);
    }
  }

  private tickFor(market: unknown, code: unknown): TickData | undefined {
    for (const [, sub] of this.subs) {
      if (sub.code === code && EXCHANGE_TO_QOT[sub.exchange] === market) {
        return this.ticks.get(makeVtSymbol(sub.code, sub.exchange));
      }
    }
    return undefined;
  }

  // ---- pushes --------------------------------------------------------------------------------------------

  private onPushSafe(client: OpenDClient, protoId: number, reply: Reply<unknown>): void {
    if (client !== this.client) return;
    try {
      this.onPush(protoId, reply);
    } catch (error) {
      this.writeLog(`skipped a push ${protoId} from OpenD: ${errorMessage(error)}`, LogLevel.WARNING);
    }
  }

  private onPush(protoId: number, reply: Reply<unknown>): void {
    if (reply.retType !== 0) {
      this.writeLog(`OpenD push ${protoId} failed: ${reply.retMsg ?? ''}`, LogLevel.WARNING);
      return;
    }
    switch (protoId) {
      case PROTO.Notify:
        return this.onNotify((reply.s2c ?? {}) as NotifyS2C);
      case PROTO.Qot_UpdateBasicQot:
        for (const q of ((reply.s2c ?? {}) as { basicQotList?: BasicQot[] }).basicQotList ?? []) {
          const tick = this.tickFor(q.security?.market, q.security?.code);
          if (!tick) continue;
          applyBasicQot(tick, q);
          this.compareSpread(tick, q);
          this.onTick(copyTick(tick));
        }
        return;
      case PROTO.Qot_UpdateOrderBook: {
        const b = (reply.s2c ?? {}) as OrderBookS2C;
        const tick = this.tickFor(b.security?.market, b.security?.code);
        if (!tick) return;
        applyOrderBook(tick, b);
        this.onTick(copyTick(tick));
        return;
      }
      case PROTO.Qot_UpdateTicker: {
        const t = (reply.s2c ?? {}) as TickerS2C;
        const tick = this.tickFor(t.security?.market, t.security?.code);
        if (!tick) return;
        if (applyTickers(tick, t)) this.onTick(copyTick(tick));
        return;
      }
      case PROTO.Trd_UpdateOrder: {
        const s = (reply.s2c ?? {}) as { header?: TrdHeader; order?: FutuOrder };
        if (s.header?.accID !== this.header.accID || !s.order) return;
        this.applyOrder(s.order);
        return;
      }
      case PROTO.Trd_UpdateOrderFill: {
        const s = (reply.s2c ?? {}) as { header?: TrdHeader; orderFill?: FutuOrderFill };
        if (s.header?.accID !== this.header.accID || !s.orderFill) return;
        this.applyFill(s.orderFill, false);
        void this.refreshAccount();
        return;
      }
      default:
        return;
    }
  }

  private onNotify(n: NotifyS2C): void {
    switch (n.type) {
      case NOTIFY_TYPE.GtwEvent: {
        const what = GTW_EVENT[n.event?.eventType ?? 0] ?? `event ${n.event?.eventType}`;
        this.writeLog(`OpenD: ${what}${n.event?.desc ? ` — ${n.event.desc}` : ''}`, LogLevel.ERROR);
        return;
      }
      case NOTIFY_TYPE.ProgramStatus:
        this.writeLog(`OpenD program status ${n.programStatus?.programStatus?.type ?? '?'}`, LogLevel.INFO);
        return;
      case NOTIFY_TYPE.ConnStatus: {
        const trd = n.connectStatus?.trdLogined !== false;
        const qot = n.connectStatus?.qotLogined !== false;
        if (!qot)
          this.writeLog('OpenD lost its quote login: market data stalls until it is back', LogLevel.WARNING);
        if (!trd && this.trdLoggedIn) {
          this.trdLoggedIn = false;
          this.writeLog(
            'OpenD lost its trade login: trading is unavailable until it is back',
            LogLevel.ERROR,
          );
          this.setStatus(GatewayStatus.RECONNECTING, 'OpenD lost its trade login');
        } else if (trd && !this.trdLoggedIn) {
          this.trdLoggedIn = true;
          // Back: the unlock and the pushes OpenD dropped are renewed, and what happened meanwhile reconciled.
          void this.relogin();
        }
        return;
      }
      case NOTIFY_TYPE.APIQuota:
        this.writeLog(
          `OpenD quota: ${n.apiQuota?.subQuota ?? '?'} subscriptions, ${n.apiQuota?.historyKLQuota ?? '?'} K-line`,
          LogLevel.INFO,
        );
        return;
      default:
        return;
    }
  }

  private async relogin(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      if (this.setting.real) await this.unlock(client);
      await client.call('Trd_SubAccPush', { accIDList: [this.header.accID] });
      await this.reconcile(client);
      this.setStatus(GatewayStatus.CONNECTED, 'OpenD trade login restored');
      this.writeLog('OpenD trade login restored; trading unlocked again and reconciled');
    } catch (error) {
      this.writeLog(
        `could not restore trading after OpenD's login came back: ${errorMessage(error)}`,
        LogLevel.ERROR,
      );
    }
  }

  // ---- orders and fills ----------------------------------------------------------------------------------

  private bind(orderid: string, futuId: string): void {
    const link = this.links.get(orderid);
    if (!link || link.futuId === futuId) return;
    link.futuId = futuId;
    this.byFutuId.set(futuId, orderid);
    const held = this.unboundFills.get(futuId);
    if (held) {
      this.unboundFills.delete(futuId);
      for (const f of held) this.applyFill(f, true);
    }
    if (link.cancelHeld && this.linkUp) this.sendCancel(orderid, futuId);
  }

  private sendCancel(orderid: string, futuId: string): void {
    const link = this.links.get(orderid);
    if (link) link.cancelHeld = false;
    this.modifyPacer.run(() => this.cancelNow(orderid, futuId));
  }

  private cancelNow(orderid: string, futuId: string): void {
    const client = this.client;
    const order = this.tracker.get(orderid);
    if (!client || !this.linkUp || !order || !isActive(order)) {
      // The link went while the cancel waited: sent again once it is back, if the order still lives.
      const link = this.links.get(orderid);
      if (link && order && isActive(order)) link.cancelHeld = true;
      return;
    }
    const serialNo = client.nextSerial();
    client
      .call(
        'Trd_ModifyOrder',
        {
          packetID: { connID: client.connID, serialNo },
          header: this.header,
          orderID: futuId,
          modifyOrderOp: MODIFY_ORDER_OP.Cancel,
          qty: 0,
          price: 0,
        },
        serialNo,
      )
      .catch((error) =>
        this.writeLog(`cancel of ${orderid} refused: ${errorMessage(error)}`, LogLevel.WARNING),
      );
  }

  /** The vnt order id of a Futu order: ours (by id or remark), or the Futu id for an order placed elsewhere. */
  private orderidOf(o: FutuOrder): string {
    const futuId = o.orderID ?? '';
    const known = this.byFutuId.get(futuId);
    if (known) return known;
    if (o.remark && this.links.has(o.remark)) {
      this.bind(o.remark, futuId);
      return o.remark;
    }
    return futuId;
  }

  private applyOrder(o: FutuOrder): void {
    const orderid = this.orderidOf(o);
    const incoming = orderFromFutu(o, orderid, this.setting.market, this.gatewayName);
    const current = this.tracker.get(orderid);
    if (
      current &&
      isActive(current) &&
      (current.price !== incoming.price || current.volume !== incoming.volume)
    ) {
      if (incoming.type === OrderType.LIMIT || current.volume !== incoming.volume)
        this.tracker.amend(
          orderid,
          incoming.type === OrderType.LIMIT ? incoming.price : current.price,
          incoming.volume,
        );
    }
    this.tracker.update(current ? { ...incoming, reference: current.reference } : incoming);
  }

  private applyFill(f: FutuOrderFill, bound: boolean): void {
    const futuId = f.orderID ?? '';
    let orderid = this.byFutuId.get(futuId);
    if (!orderid && !bound && this.hasUnacknowledged()) {
      // Possibly one of ours whose PlaceOrder answer is still on its way: kept until it is bound.
      const list = this.unboundFills.get(futuId) ?? [];
      list.push(f);
      this.unboundFills.set(futuId, list);
      return;
    }
    orderid ??= futuId;
    const trade = tradeFromFill(f, orderid, this.setting.market, this.gatewayName);
    const order = this.tracker.get(orderid);
    if (order && trade.volume > order.volume) {
      throw new Error(`fill ${trade.tradeid} of ${trade.volume} exceeds order ${orderid}'s ${order.volume}`);
    }
    this.tracker.trade(trade);
  }

  private hasUnacknowledged(): boolean {
    for (const [orderid, link] of this.links) {
      if (!link.futuId && isActive(this.tracker.get(orderid) ?? { status: Status.CANCELLED })) return true;
    }
    return false;
  }

  /** Orders, fills, positions and funds as OpenD has them now: what a dropped link or a lost answer missed. */
  private async reconcile(client = this.client): Promise<void> {
    if (!client) return;
    const header = this.header;
    const orders = await client.call<{ orderList?: FutuOrder[] }>('Trd_GetOrderList', {
      header,
      refreshCache: true,
    });
    const seenRemarks = new Set<string>();
    for (const o of orders.orderList ?? []) {
      if (o.remark) seenRemarks.add(o.remark);
      this.safely('order', () => this.applyOrder(o));
    }
    const fills = await client.call<{ orderFillList?: FutuOrderFill[] }>('Trd_GetOrderFillList', {
      header,
      refreshCache: true,
    });
    for (const [orderid, link] of this.links) {
      const order = this.tracker.get(orderid);
      if (!link.futuId && order && isActive(order) && !seenRemarks.has(orderid)) {
        this.tracker.reject(orderid, 'OpenD has no such order: it never arrived');
      }
    }
    for (const [futuId, held] of [...this.unboundFills]) {
      this.unboundFills.delete(futuId);
      for (const f of held) this.safely('fill', () => this.applyFill(f, true));
    }
    for (const f of fills.orderFillList ?? []) this.safely('fill', () => this.applyFill(f, true));
    await this.loadAccount(client);
  }

  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.writeLog(`skipped a ${what} from OpenD: ${errorMessage(error)}`, LogLevel.WARNING);
    }
  }

  /** Funds and positions again (coalesced: at most one query in flight, one more queued). */
  private refreshAccount(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    const run = async (): Promise<void> => {
      do {
        this.refreshAgain = false;
        const client = this.client;
        if (!client || !this.linkUp) return;
        await this.loadAccount(client).catch((e) =>
          this.writeLog(`funds/positions: ${errorMessage(e)}`, LogLevel.WARNING),
        );
      } while (this.refreshAgain);
    };
    this.refreshing = run().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async loadAccount(client: OpenDClient): Promise<void> {
    const header = this.header;
    const funds = await client.call<{ funds?: Funds }>('Trd_GetFunds', { header, refreshCache: true });
    if (funds.funds) {
      this.safely('funds', () =>
        this.onAccount(
          accountFromFunds(funds.funds!, String(header.accID), this.setting.market, this.gatewayName),
        ),
      );
    }
    const pos = await client.call<{ positionList?: FutuPosition[] }>('Trd_GetPositionList', {
      header,
      refreshCache: true,
    });
    const seen = new Set<string>();
    for (const p of pos.positionList ?? []) {
      this.safely('position', () => {
        const position = positionFromFutu(p, this.setting.market, this.gatewayName);
        seen.add(position.vtPositionid);
        this.positions.set(position.vtPositionid, position);
        this.onPosition(position);
      });
    }
    // A position OpenD no longer lists was closed: shown as zero, never left standing.
    for (const [key, p] of this.positions) {
      if (seen.has(key) || p.volume === 0) continue;
      const closed = { ...p, volume: 0, frozen: 0, ydVolume: 0, pnl: 0 };
      this.positions.set(key, closed);
      this.onPosition(closed);
    }
  }
}
