// RpcGateway: another vnt's gateways, mirrored over the RPC service as if they were one local gateway.
//
// Order ids. sendOrder must return a vtOrderid before the server has answered, so orders sent from here get
// a local id (`<tag>-<n>`, the tag random per gateway instance so ids never repeat across restarts) and the
// request carries it as clientOrderid. The server's reply names the remote vtOrderid, which is bound to the
// local id before any later message is read. Orders placed elsewhere (another client, the server's console)
// keep their remote vtOrderid as their orderid: remote "SIM.17" is local "RPC.SIM.17".
import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  ALL_EXCHANGES,
  Direction,
  GatewayStatus,
  LogLevel,
  OrderType,
  Status,
} from '../../src/core/constant.js';
import { errorMessage, NotConnectedError } from '../../src/core/errors.js';
import { BaseGateway, type GatewayCapabilities, type GatewayClass } from '../../src/core/gateway.js';
import { LocalOrderManager } from '../../src/core/local-order.js';
import {
  isActive,
  makeVtSymbol,
  orderFromRequest,
  type AmendRequest,
  type BarData,
  type CancelRequest,
  type HistoryRequest,
  type LogData,
  type OrderCost,
  type OrderData,
  type OrderRequest,
  type SubscribeRequest,
  type TradeData,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { RemoteError, type RpcClient } from '../../src/rpc/client.js';
import type { EventMessage } from '../../src/rpc/protocol.js';
import { OrderTracker } from '../common/order-tracker.js';
import { RpcLink } from './client.js';
import {
  mirrorAccount,
  mirrorBar,
  mirrorContract,
  mirrorOrder,
  mirrorPosition,
  mirrorTick,
  mirrorTrade,
  remoteGatewayOf,
  mirroredProblem,
  orderCostFrom,
  parseCapabilities,
  type MirroredKind,
} from './parse.js';

const MIRRORED_EVENTS: ReadonlySet<string> = new Set([
  'tick',
  'order',
  'trade',
  'position',
  'account',
  'contract',
]);

/** The first of the named fields missing or of another type, described; undefined when all are there. */
function shapeOf(data: unknown, fields: Record<string, 'string' | 'number'>): string | undefined {
  if (typeof data !== 'object' || data === null) return 'not an object';
  for (const [k, t] of Object.entries(fields))
    if (typeof (data as Record<string, unknown>)[k] !== t) return `field ${k} is not a ${t}`;
  return undefined;
}

interface OwnOrder {
  localId: string;
  vtSymbol: string;
  direction: Direction;
  fingerprint: string;
  /** Fingerprints an amend sent from here may give the order (its new price and volume). */
  amended?: Set<string>;
}

/** The ca_file setting's certificates, read at connect so that a wrong path is reported there and then. */
function readCaFile(file: string): string {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`ca_file: cannot read ${file}: ${errorMessage(error)}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new Error(`ca_file: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return pem;
}

/** What an order's id must keep meaning: the fields that never change over its life. */
function orderFingerprint(o: OrderData): string {
  return `${o.vtSymbol}|${o.direction}|${o.type}|${o.price}|${o.volume}`;
}

/** A re-reported trade keeps its execution time; a new trade that reuses an id has another. */
function tradeFingerprint(t: TradeData): string {
  return `${t.vtSymbol}|${t.direction}|${t.price}|${t.volume}|${t.datetime}`;
}

export class RpcGateway extends BaseGateway {
  static override readonly defaultName = 'RPC';
  static override readonly defaultSetting: SettingSchema = {
    address: {
      type: 'string',
      default: 'ws://127.0.0.1:2014',
      label: 'Server address (ws:// or wss://)',
    },
    token: { type: 'secret', default: '', label: 'Token (the rpc_token file on the server)' },
    ca_file: {
      type: 'string',
      default: '',
      label: 'CA certificate file (PEM)',
      help: "for wss:// with a self-signed certificate: the server's certificate (or its CA); empty: system CAs",
    },
    views: {
      type: 'boolean',
      default: false,
      label: 'Keep server gateways apart (RPC/SIM, RPC/SIM2)',
      help: 'each server gateway becomes its own listing, so one vtSymbol from two of them never merges',
    },
  };
  static override readonly exchanges = ALL_EXCHANGES;
  // Until the server says what its gateways need (getCapabilities), nothing is refused here: the server
  // checks every request against its own gateways' capabilities anyway.
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: Object.values(OrderType),
    history: true,
    offsets: false,
    amend: true,
  };

  private link: RpcLink | undefined;
  private readonly tag = crypto.randomBytes(3).toString('hex');
  private counter = 0;
  /** vtSymbol → the server-side gateway that listed it last (where a request named only by RPC goes). */
  private readonly contractGateway = new Map<string, string>();
  /** Subscriptions by `<server gateway>|<vtSymbol>`; the server gateway is '' when the request named RPC. */
  private readonly subscriptions = new Map<string, { remote: string; req: SubscribeRequest }>();
  /** The views setting: each server gateway's objects under `<name>/<server gateway>`, apart in the OMS. */
  private apart = false;
  private readonly views = new Map<string, RpcView>();
  /** Remote vtOrderid → the order sent from here that it became. */
  private readonly ownByRemote = new Map<string, OwnOrder>();
  /** Local ids whose sendOrder reply was lost with the link: resolved (or rejected) after reconnecting. */
  private readonly unconfirmed = new Map<string, OrderData>();
  /**
   * Orders as last pushed (the active ones are what a re-sync must account for) and the trade ledger. Orders
   * are put as the server reports them: the server's own gateways already keep them from moving backwards,
   * and a re-sync may rightly bring back an order this side had marked cancelled.
   */
  private readonly tracker = new OrderTracker({
    order: (o) => this.onOrder(o),
    trade: (t) => this.onTrade(t),
  });
  /** Local id of an order sent from here → the remote vtOrderid it became. */
  private readonly remoteOfOwn = new Map<string, string>();
  private serverId = '';
  /** Server gateway name → what it needs (offsets, order types), from getCapabilities at each sync. */
  private remoteCapabilities = new Map<string, GatewayCapabilities>();
  private readonly orders = new LocalOrderManager<string>((req, remote) => this.sendCancel(req, remote));

  async connect(setting: GatewaySetting): Promise<void> {
    const url = String(setting.address).trim();
    if (!/^wss?:\/\/[^\s]+$/.test(url)) {
      throw new Error(`address must be a ws:// or wss:// URL, got "${url}"`);
    }
    if (!setting.token) throw new Error('token is empty: copy the rpc_token file from the server');
    const caFile = String(setting.ca_file ?? '').trim();
    const ca = caFile ? readCaFile(caFile) : undefined;
    this.apart = setting.views === true;
    this.link?.close();
    const link = new RpcLink(
      { url, token: String(setting.token), ...(ca ? { ca } : {}) },
      {
        onEvent: (m) => this.onRemoteEvent(m),
        onProtocolError: (reason) => this.writeLog(reason, LogLevel.WARNING),
        onConnected: (client, reconnect) => this.sync(client, reconnect),
        onDisconnected: (reason) => {
          this.setStatus(GatewayStatus.RECONNECTING, `link to ${url} lost: ${reason}`);
          this.writeLog(`link to ${url} lost (${reason}); reconnecting`, LogLevel.WARNING);
        },
        onRetryFailed: (reason, next) =>
          this.writeLog(`reconnect failed: ${reason}; next try in about ${next} ms`, LogLevel.WARNING),
      },
    );
    this.link = link;
    this.setStatus(GatewayStatus.CONNECTING);
    try {
      await link.open();
    } catch (error) {
      this.link = undefined;
      this.setStatus(GatewayStatus.DISCONNECTED, errorMessage(error));
      throw error;
    }
    // Resolve only once the synced objects and the CONNECTED status have been dispatched (the event engine
    // dispatches on the next turn), so a caller sees them the moment connect() returns.
    await new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    this.link?.close();
    this.link = undefined;
    this.setStatus(GatewayStatus.DISCONNECTED);
  }

  subscribe(req: SubscribeRequest): void {
    this.subscribeOn('', req);
  }

  sendOrder(req: OrderRequest): string {
    return this.sendOrderOn('', req);
  }

  /** With the views setting: `<name>/<server gateway>`, which MainEngine routes here. */
  override view(sub: string): BaseGateway | undefined {
    if (!this.apart || !sub) return undefined;
    let v = this.views.get(sub);
    if (!v) this.views.set(sub, (v = new RpcView(this.eventEngine, this, sub)));
    return v;
  }

  /** The local gateway name of a server gateway's objects: its view's, or this gateway's own. */
  private localName(remote: string): string {
    return this.apart && remote ? `${this.gatewayName}/${remote}` : this.gatewayName;
  }

  /** The server gateway a request goes to: the one named (a view's), else the last to list the contract. */
  private remoteFor(remote: string, vtSymbol: string): string {
    return remote || (this.contractGateway.get(vtSymbol) ?? '');
  }

  /** remote: the server gateway, '' for the one that listed the contract last. */
  subscribeOn(remote: string, req: SubscribeRequest): void {
    const vtSymbol = makeVtSymbol(req.symbol, req.exchange);
    this.subscriptions.set(`${remote}|${vtSymbol}`, { remote, req });
    const client = this.link?.client;
    if (client) this.remoteSubscribe(client, remote, req);
  }

  sendOrderOn(remote: string, req: OrderRequest): string {
    const vtSymbol = makeVtSymbol(req.symbol, req.exchange);
    const remoteGateway = this.remoteFor(remote, vtSymbol);
    const localId = `${this.tag}-${++this.counter}`;
    const order = orderFromRequest(req, localId, this.localName(remoteGateway));
    this.pushOrder(order);
    const client = this.link?.client;
    if (!client) {
      this.reject(order, new NotConnectedError(this.gatewayName).message);
      return order.vtOrderid;
    }
    const params = { req, gatewayName: remoteGateway, clientOrderid: localId };
    client.call('sendOrder', params, (error, remoteVtOrderid) => {
      if (!error && typeof remoteVtOrderid === 'string' && remoteVtOrderid !== '')
        this.bind(order, remoteVtOrderid);
      else if (error instanceof RemoteError) {
        this.orders.dropHeldCancel(localId);
        this.reject(order, error.message);
      } else {
        // No answer, or one that names no order: whether it was placed is unknown until the server says.
        if (!error) {
          this.writeLog(
            `sendOrder ${localId}: the server answered ${JSON.stringify(remoteVtOrderid)}, not an order id; asking which order it placed`,
            LogLevel.WARNING,
          );
        }
        this.unconfirmed.set(localId, order);
        // Timed out on a live link: ask now rather than at the next reconnect, which may never come.
        if (client.isOpen) this.resolveUnconfirmed(client).catch(() => undefined);
      }
    });
    return order.vtOrderid;
  }

  cancelOrder(req: CancelRequest): void {
    if (this.isOwn(req.orderid)) {
      // Ours: sent at once if the server has named the order, else held until it does.
      this.orders.cancel(req);
      return;
    }
    // An order placed elsewhere: its local orderid is the remote vtOrderid.
    this.sendCancel(req, req.orderid);
  }

  /**
   * The capabilities of the server gateway that lists the contract, so the ticket asks for an offset on a
   * futures contract behind RPC as it would locally. Amend is always offered: the server amends in place or
   * cancels and replaces.
   */
  override capabilitiesFor(vtSymbol: string): GatewayCapabilities {
    return this.capabilitiesOn('', vtSymbol);
  }

  capabilitiesOn(remote: string, vtSymbol: string): GatewayCapabilities {
    const caps = this.remoteCapabilities.get(this.remoteFor(remote, vtSymbol));
    return caps ? { ...caps, amend: true } : RpcGateway.capabilities;
  }

  override amendOrder(req: AmendRequest): void {
    const remote = this.isOwn(req.orderid) ? this.remoteOfOwn.get(req.orderid) : req.orderid;
    const client = this.link?.client;
    if (!client || remote === undefined) {
      const why = client ? 'the server has not named this order yet' : `${this.gatewayName} is not connected`;
      this.writeLog(`amend ${req.orderid} not sent: ${why}`, LogLevel.ERROR);
      return;
    }
    const own = this.ownByRemote.get(remote);
    const current = this.tracker.get(req.orderid);
    if (own && current) {
      const next = { ...current, price: req.price ?? current.price, volume: req.volume ?? current.volume };
      (own.amended ??= new Set()).add(orderFingerprint(next));
    }
    const { gatewayName, id } = remoteGatewayOf(remote);
    client
      .request('amendOrder', { req: { ...req, orderid: id }, gatewayName })
      .catch((error: unknown) =>
        this.writeLog(`amend ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.ERROR),
      );
  }

  override queryHistory(req: HistoryRequest): Promise<BarData[]> {
    return this.historyOn('', req);
  }

  async historyOn(remote: string, req: HistoryRequest): Promise<BarData[]> {
    const client = this.link?.client;
    if (!client) throw new NotConnectedError(this.gatewayName);
    const gatewayName = this.remoteFor(remote, makeVtSymbol(req.symbol, req.exchange));
    const bars = await client.request('queryHistory', { req, gatewayName }, 60_000);
    return this.checked('bar', bars).map((b) => mirrorBar(b, this.localName(gatewayName)));
  }

  override queryOrderCost(req: OrderRequest): Promise<OrderCost> {
    return this.orderCostOn('', req);
  }

  /** The server gateway's what-if answer for an order, asked there (IB's takes a round trip to TWS). */
  async orderCostOn(remote: string, req: OrderRequest): Promise<OrderCost> {
    const client = this.link?.client;
    if (!client) throw new NotConnectedError(this.gatewayName);
    const gatewayName = this.remoteFor(remote, makeVtSymbol(req.symbol, req.exchange));
    const answer = await client.request('queryOrderCost', { req, gatewayName }, 30_000);
    const cost = orderCostFrom(answer, this.localName(gatewayName));
    if (typeof cost === 'string') throw new Error(`the RPC server's answer was not usable: ${cost}`);
    return cost;
  }

  // ---- link ------------------------------------------------------------------------------------------------

  /** Runs on every (re)connect: learn the fate of unconfirmed orders, then pull snapshots, then resubscribe. */
  private async sync(client: RpcClient, reconnect: boolean): Promise<void> {
    const previousServerId = this.serverId;
    this.serverId = client.hello.serverId;
    await this.resolveUnconfirmed(client);
    await this.fetchCapabilities(client);
    for (const c of this.checked('contract', await client.request('getAllContracts'))) this.takeContract(c);
    for (const a of this.checked('account', await client.request('getAllAccounts')))
      this.onAccount(mirrorAccount(a, this.localName(a.gatewayName)));
    for (const p of this.checked('position', await client.request('getAllPositions'))) {
      this.onPosition(mirrorPosition(p, this.localName(p.gatewayName)));
    }
    // Which orders the snapshot must account for is fixed before it is asked for: an order bound after the
    // request went out may have been placed after the server answered it.
    const expected = this.boundActiveOrders();
    const orders = this.checked('order', await client.request('getAllOrders'));
    for (const o of orders) this.takeOrder(o);
    this.resolveVanished(expected, orders, reconnect && previousServerId !== this.serverId);
    for (const t of this.checked('trade', await client.request('getAllTrades'))) this.takeTrade(t);
    for (const { remote, req } of this.subscriptions.values()) this.remoteSubscribe(client, remote, req);
    this.setStatus(GatewayStatus.CONNECTED, reconnect ? 're-synced after reconnect' : '');
    this.writeLog(`${reconnect ? 're-synced with' : 'connected to'} RPC server ${client.hello.serverId}`);
  }

  /**
   * Orders whose sendOrder reply never came: the server remembers which remote order each request became.
   * A server handles each link's requests in order, so one it does not know of by now it never placed (or
   * has forgotten, having restarted).
   */
  private async resolveUnconfirmed(client: RpcClient): Promise<void> {
    if (this.unconfirmed.size === 0) return;
    const asked = [...this.unconfirmed];
    const found = await client.request('resolveOrders', { clientOrderids: asked.map(([id]) => id) });
    for (const [localId, order] of asked) {
      if (!this.unconfirmed.delete(localId)) continue;
      const remote = found[localId];
      if (remote) this.bind(order, remote);
      else {
        this.orders.dropHeldCancel(localId);
        this.reject(
          order,
          'the RPC server did not confirm this order before the link was lost; if it reached the venue ' +
            'it is listed under its remote id',
        );
      }
    }
  }

  private async fetchCapabilities(client: RpcClient): Promise<void> {
    let caps: unknown;
    try {
      caps = await client.request('getCapabilities');
    } catch (error) {
      // An older server: the ticket then shows what the RPC gateway itself needs (no offsets).
      this.writeLog(
        `the RPC server did not say what its gateways need: ${errorMessage(error)}`,
        LogLevel.WARNING,
      );
      return;
    }
    const next = new Map<string, GatewayCapabilities>();
    if (caps && typeof caps === 'object' && !Array.isArray(caps)) {
      for (const [name, c] of Object.entries(caps as Record<string, unknown>)) {
        const parsed = parseCapabilities(c);
        if (parsed) next.set(name, parsed);
        else
          this.writeLog(
            `ignored the RPC server's capabilities of ${name}: not capabilities`,
            LogLevel.WARNING,
          );
      }
    }
    this.remoteCapabilities = next;
  }

  /** Active orders that have a remote id (orders whose sendOrder reply is outstanding have none yet). */
  private boundActiveOrders(): Array<{ order: OrderData; remote: string }> {
    const out: Array<{ order: OrderData; remote: string }> = [];
    for (const order of this.tracker.active()) {
      const remote = this.isOwn(order.orderid) ? this.remoteOfOwn.get(order.orderid) : order.orderid;
      if (remote !== undefined) out.push({ order, remote });
    }
    return out;
  }

  /**
   * An order still active here that the server no longer lists (a restarted server starts with an empty
   * book, or its venue forgot it) would otherwise stay active for ever: nothing will report on it again.
   * It is marked CANCELLED with the reason. An own order whose remote id now names a different order counts
   * as vanished too. If the venue does still hold it, its next report brings it back under the same id.
   */
  private resolveVanished(
    expected: ReadonlyArray<{ order: OrderData; remote: string }>,
    listed: readonly OrderData[],
    restarted: boolean,
  ): void {
    const byRemote = new Map(listed.map((o) => [o.vtOrderid, o]));
    for (const { order, remote } of expected) {
      const current = this.tracker.get(order.orderid);
      if (!current || !isActive(current)) continue;
      const found = byRemote.get(remote);
      if (found && (!this.isOwn(order.orderid) || orderFingerprint(found) === orderFingerprint(current))) {
        continue;
      }
      const why = restarted ? 'the RPC server restarted and' : 'after reconnecting, the RPC server';
      this.pushOrder({
        ...current,
        status: Status.CANCELLED,
        statusMsg: `${why} no longer lists order ${remote}; marked cancelled here (check the venue)`,
        datetime: Date.now(),
      });
    }
  }

  private isOwn(orderid: string): boolean {
    return orderid.startsWith(`${this.tag}-`);
  }

  /** Every order this gateway reports goes through here, so that it knows which are still active. */
  private pushOrder(order: OrderData): void {
    this.tracker.put(order);
  }

  /** The items of a snapshot that can be mirrored; each one that cannot is named in a warning. */
  private checked<T>(kind: MirroredKind, list: readonly T[]): T[] {
    if (!Array.isArray(list)) throw new Error(`the server's ${kind} list is not a list (${typeof list})`);
    return list.filter((item) => {
      const problem = mirroredProblem(kind, item);
      if (problem) this.writeLog(`ignored a ${kind} from the RPC server: ${problem}`, LogLevel.WARNING);
      return !problem;
    });
  }

  private onRemoteEvent(m: EventMessage): void {
    const kind = MIRRORED_EVENTS.has(m.event) ? (m.event as MirroredKind) : undefined;
    const problem = kind
      ? mirroredProblem(kind, m.data)
      : m.event === 'log'
        ? shapeOf(m.data, { msg: 'string', level: 'number' })
        : m.event === 'gateway'
          ? shapeOf(m.data, { gatewayName: 'string', status: 'string' })
          : undefined;
    if (problem) {
      this.writeLog(`ignored a ${m.event} event from the RPC server: ${problem}`, LogLevel.WARNING);
      return;
    }
    switch (m.event) {
      case 'tick': {
        const t = m.data as Parameters<typeof mirrorTick>[0];
        this.onTick(mirrorTick(t, this.localName(t.gatewayName)));
        return;
      }
      case 'order':
        this.takeOrder(m.data as OrderData);
        return;
      case 'trade':
        this.takeTrade(m.data as Parameters<typeof mirrorTrade>[0]);
        return;
      case 'position': {
        const p = m.data as Parameters<typeof mirrorPosition>[0];
        this.onPosition(mirrorPosition(p, this.localName(p.gatewayName)));
        return;
      }
      case 'account': {
        const a = m.data as Parameters<typeof mirrorAccount>[0];
        this.onAccount(mirrorAccount(a, this.localName(a.gatewayName)));
        return;
      }
      case 'contract':
        this.takeContract(m.data as Parameters<typeof mirrorContract>[0]);
        return;
      case 'log': {
        const log = m.data as LogData;
        this.writeLog(`[remote ${log.gatewayName || 'main'}] ${log.msg}`, log.level);
        return;
      }
      case 'gateway': {
        const s = m.data as { gatewayName: string; status: string; message: string };
        const message = typeof s.message === 'string' && s.message ? ` (${s.message})` : '';
        this.writeLog(`remote gateway ${s.gatewayName}: ${s.status}${message}`);
        return;
      }
    }
  }

  private takeContract(c: Parameters<typeof mirrorContract>[0]): void {
    this.contractGateway.set(c.vtSymbol, c.gatewayName);
    this.onContract(mirrorContract(c, this.localName(c.gatewayName)));
  }

  private takeOrder(o: OrderData): void {
    const own = this.ownByRemote.get(o.vtOrderid);
    // A server whose venue restarted its numbering may reuse an id for someone else's order.
    const fingerprint = orderFingerprint(o);
    if (own && own.fingerprint !== fingerprint && own.amended?.delete(fingerprint))
      own.fingerprint = fingerprint;
    const local = own && own.fingerprint === fingerprint ? own.localId : o.vtOrderid;
    this.pushOrder(mirrorOrder(o, this.localName(o.gatewayName), local));
  }

  /**
   * Snapshots after a reconnect repeat trades already seen; each is pushed once. A known id with different
   * contents comes from a restarted server that reuses ids: it is a new trade, kept apart by a suffix.
   */
  private takeTrade(t: Parameters<typeof mirrorTrade>[0]): void {
    const fingerprint = tradeFingerprint(t);
    // Keyed by the remote vtTradeid: it names the server-side gateway, whose trade ids are its own.
    const verdict = this.tracker.recordTrade(t.vtTradeid, fingerprint);
    if (verdict === 'repeat') return;
    let trade = t;
    if (verdict === 'conflict') {
      const id = `${t.vtTradeid}#${this.serverId.slice(0, 8)}`;
      const again = this.tracker.recordTrade(id, fingerprint);
      if (again === 'repeat') return;
      if (again === 'conflict') {
        // A third version of one id from one server run is no restart but a server fault: pushing it would
        // put a second trade under an id already shown (counted twice in every position built from trades).
        this.writeLog(
          `ignored trade ${t.vtTradeid} from the RPC server: a third set of contents for one trade id`,
          LogLevel.WARNING,
        );
        return;
      }
      trade = { ...t, vtTradeid: id };
    }
    const own = this.ownByRemote.get(t.vtOrderid);
    const local =
      own && own.vtSymbol === t.vtSymbol && own.direction === t.direction ? own.localId : t.vtOrderid;
    // Pushed as mirrored, with the remote trade's own offset (not the order's, as pushTrade would).
    this.onTrade(mirrorTrade(trade, this.localName(t.gatewayName), local));
  }

  private bind(order: OrderData, remoteVtOrderid: string): void {
    this.ownByRemote.set(remoteVtOrderid, {
      localId: order.orderid,
      vtSymbol: order.vtSymbol,
      direction: order.direction,
      fingerprint: orderFingerprint(order),
    });
    this.remoteOfOwn.set(order.orderid, remoteVtOrderid);
    this.orders.bind(order.orderid, remoteVtOrderid);
  }

  private reject(order: OrderData, reason: string): void {
    this.pushOrder({ ...order, status: Status.REJECTED, statusMsg: reason, datetime: Date.now() });
  }

  private sendCancel(req: CancelRequest, remoteVtOrderid: string): void {
    const client = this.link?.client;
    if (!client) {
      this.writeLog(`cancel ${req.orderid} not sent: ${this.gatewayName} is not connected`, LogLevel.ERROR);
      return;
    }
    const { gatewayName, id } = remoteGatewayOf(remoteVtOrderid);
    client
      .request('cancelOrder', { req: { ...req, orderid: id }, gatewayName })
      .catch((error: unknown) =>
        this.writeLog(`cancel ${req.orderid} failed: ${errorMessage(error)}`, LogLevel.ERROR),
      );
  }

  private remoteSubscribe(client: RpcClient, remote: string, req: SubscribeRequest): void {
    const gatewayName = this.remoteFor(remote, makeVtSymbol(req.symbol, req.exchange));
    if (!gatewayName) {
      this.writeLog(`subscribe ${req.symbol}.${req.exchange}: the server lists no such contract`);
      return;
    }
    client
      .request('subscribe', { req, gatewayName })
      .catch((error: unknown) =>
        this.writeLog(`subscribe ${req.symbol} failed: ${errorMessage(error)}`, LogLevel.WARNING),
      );
  }
}

/**
 * One server gateway as seen through an RpcGateway with the views setting ("RPC/SIM"): what a client asks of
 * it goes to that server gateway, and what that gateway pushes is mirrored under this name. Connecting and
 * status belong to the RpcGateway it is a view of.
 */
class RpcView extends BaseGateway {
  constructor(
    eventEngine: ConstructorParameters<typeof BaseGateway>[0],
    private readonly parent: RpcGateway,
    private readonly remote: string,
  ) {
    super(eventEngine, `${parent.gatewayName}/${remote}`);
  }

  override get status(): GatewayStatus {
    return this.parent.status;
  }

  override get gatewayClass(): GatewayClass {
    return this.parent.gatewayClass;
  }

  connect(): Promise<void> {
    return Promise.reject(new Error(`${this.gatewayName} is a view: connect ${this.parent.gatewayName}`));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  subscribe(req: SubscribeRequest): void {
    this.parent.subscribeOn(this.remote, req);
  }

  sendOrder(req: OrderRequest): string {
    return this.parent.sendOrderOn(this.remote, req);
  }

  // Order ids name the server gateway already (own ids are bound to remote ones), so the parent routes them.
  cancelOrder(req: CancelRequest): void {
    this.parent.cancelOrder(req);
  }

  override amendOrder(req: AmendRequest): void {
    this.parent.amendOrder(req);
  }

  override capabilitiesFor(vtSymbol: string): GatewayCapabilities {
    return this.parent.capabilitiesOn(this.remote, vtSymbol);
  }

  override queryHistory(req: HistoryRequest): Promise<BarData[]> {
    return this.parent.historyOn(this.remote, req);
  }

  override queryOrderCost(req: OrderRequest): Promise<OrderCost> {
    return this.parent.orderCostOn(this.remote, req);
  }
}
