// The simulated OpenD: a loopback server speaking OpenD's framing (44-byte header, SHA-1 checked) and protobuf
// bodies over the shared matching engine. Errors are OpenD's: retType -1 with a retMsg. Trading a REAL account
// needs Trd_UnlockTrade first; subscriptions are limited by a quota; levers (drop, restart, silence, reject-next,
// trade-login loss, Notify pushes) let tests and `vnt sim futu` play OpenD's bad days. Given an RSA key, it is an
// encrypted OpenD: InitConnect must come RSA-encrypted with that key, and everything after it is under AES.
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import net from 'node:net';
import { Interval, OrderType } from '../../../src/core/constant.js';
import type {
  BookSnapshot,
  MarketStats,
  PublicTrade,
  SimExchange,
  SimFill,
  SimOrder,
  SimExchangeEvents,
} from '../../../src/sim/types.js';
import { decodeBody, encodeBody, encodePacket, FrameDecoder, isBad, type Packet } from '../codec.js';
import { FtAesEcbCipher, PACKET_ENC_ALGO, RsaCipher, type BodyCipher } from '../crypto.js';
import {
  KL_TYPE,
  MODIFY_ORDER_OP,
  NOTIFY_TYPE,
  ORDER_STATUS,
  ORDER_TYPE,
  PROTO,
  PROTO_NAME,
  RET_TYPE,
  SUB_TYPE,
  TRD_ENV,
  TRD_MARKET,
  TRD_SIDE,
  type ProtoName,
} from '../protocol.js';
import {
  FUTU_SIM_ACCOUNTS,
  FUTU_SIM_PASSWORD,
  FUTU_SIM_SECURITIES,
  type FutuSimAccount,
  type FutuSimSecurity,
} from './instruments.js';

export interface FutuSimulatorOptions {
  exchange: SimExchange;
  host?: string;
  port?: number;
  /** Seconds OpenD tells clients to send KeepAlive at. */
  keepAliveInterval?: number;
  /** (security, sub type) pairs one connection may hold. */
  subQuota?: number;
  password?: string;
  /** Trd_PlaceOrder (and, separately, Trd_ModifyOrder) requests one account may make per 30 s. */
  orderRateLimit?: number;
  /** OpenD's rsa_private_key: connections are encrypted. */
  rsaKey?: KeyObject;
}

type Obj = Record<string, unknown>;

/** Futu's ids are 64-bit: the engine's small ids are offset so that they exceed 2^53, as OpenD's do. */
const ORDER_ID_BASE = 4_700_000_000_000_000_000n;
const FILL_ID_BASE = 6_100_000_000_000_000_000n;
const SERVER_VER = 903;

class Failure extends Error {
  constructor(
    message: string,
    readonly errCode = 0,
  ) {
    super(message);
  }
}

interface OrderMeta {
  accID: string;
  trdEnv: number;
  trdMarket: number;
  futuId: string;
  remark: string;
  orderType: number;
  sec: FutuSimSecurity;
  timeInForce: number;
}

export class FutuSimSession {
  inited = false;
  readonly connID = String(BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000)));
  readonly subs = new Map<string, Set<number>>();
  readonly pushAccs = new Set<string>();
  private readonly decoder = new FrameDecoder();
  private closed = false;
  /** Pushes raised while a request is being answered go out after its reply, as OpenD orders them. */
  private held: Buffer[] | undefined;
  /** This connection's AES, from its InitConnect on an encrypted OpenD. */
  aes: BodyCipher | undefined;

  constructor(
    readonly socket: net.Socket,
    private readonly sim: FutuSimulator,
  ) {
    const rsa = sim.rsa;
    if (rsa) this.decoder.crypto = { cipherFor: (id) => (id === PROTO.InitConnect ? rsa : this.aes) };
    socket.setNoDelay(true);
    socket.on('data', (c) => this.onData(c));
    socket.on('error', () => undefined);
    socket.on('close', () => this.drop());
  }

  drop(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.sim.release(this);
  }

  push(protoId: number, s2c: Obj): void {
    const name = PROTO_NAME.get(protoId)!;
    const body = encodeBody(`${name}.Response`, { retType: 0, retMsg: '', errCode: 0, s2c });
    this.write(encodePacket(protoId, 0, body, 0, this.aes));
  }

  write(bytes: Buffer): void {
    if (this.closed) return;
    if (this.held) this.held.push(bytes);
    else this.socket.write(bytes);
  }

  private onData(chunk: Buffer): void {
    this.decoder.push(chunk);
    try {
      for (let p = this.decoder.next(); p; p = this.decoder.next()) {
        if (isBad(p)) {
          // OpenD cannot trust a stream whose checksums fail: the connection goes. An InitConnect it could not
          // decrypt is first refused in plaintext, so that the client can say why.
          this.sim.count('badPacket');
          if (p.protoId === PROTO.InitConnect && this.sim.rsa) {
            const why = 'cannot decrypt InitConnect: it is not encrypted with the RSA key this OpenD has';
            this.reply(p.protoId, 'InitConnect', p.serialNo, new Failure(why), false);
          }
          this.drop();
          return;
        }
        this.onPacket(p);
        if (this.closed) return;
      }
    } catch {
      this.sim.count('badFrame');
      this.drop();
    }
  }

  private onPacket(p: Packet): void {
    if (this.sim.silent) return;
    const name = PROTO_NAME.get(p.protoId);
    this.sim.count(name ?? `proto${p.protoId}`);
    if (!name)
      return this.reply(p.protoId, 'InitConnect', p.serialNo, new Failure(`unknown protocol ${p.protoId}`));
    this.held = [];
    let s2c: Obj | Failure;
    try {
      const req = decodeBody<{ c2s?: Obj }>(`${name}.Request`, p.body);
      if (name !== 'InitConnect' && !this.inited) throw new Failure('InitConnect first', 1);
      s2c = this.sim.handle(this, name, req.c2s ?? {});
    } catch (error) {
      s2c = error instanceof Failure ? error : new Failure(`bad request: ${(error as Error).message}`);
    }
    const held = this.held;
    this.held = undefined;
    if (this.sim.dropAfter === name) {
      // Handled, but the answer never leaves: the client cannot know whether the request took effect.
      this.sim.dropAfter = undefined;
      this.drop();
      return;
    }
    this.reply(p.protoId, name, p.serialNo, s2c);
    for (const b of held) this.write(b);
  }

  private reply(protoId: number, name: ProtoName, serialNo: number, s2c: Obj | Failure, sealed = true): void {
    const body =
      s2c instanceof Failure
        ? { retType: RET_TYPE.Failed, retMsg: s2c.message, errCode: s2c.errCode }
        : { retType: RET_TYPE.Succeed, retMsg: '', errCode: 0, s2c };
    const cipher = !sealed ? undefined : protoId === PROTO.InitConnect ? this.sim.rsa : this.aes;
    this.write(encodePacket(protoId, serialNo, encodeBody(`${name}.Response`, body), 0, cipher));
  }
}

export class FutuSimulator {
  readonly exchange: SimExchange;
  readonly keepAliveInterval: number;
  subQuota: number;
  orderRateLimit: number;
  silent = false;
  /** The next request of this protocol is handled, then the connection drops before the answer is sent. */
  dropAfter: ProtoName | undefined;
  unlocked = false;
  trdLogined = true;
  private readonly pwdMD5: string;
  readonly rsa: RsaCipher | undefined;
  private readonly sessions = new Set<FutuSimSession>();
  private readonly meta = new Map<string, OrderMeta>();
  private readonly byFutuId = new Map<string, string>();
  private readonly packetIds = new Set<string>();
  private readonly recent = new Map<string, number[]>();
  private readonly unsubscribe: Array<() => void> = [];
  private server: net.Server | undefined;
  private host: string;
  private boundPort: number;
  private seq = 0;
  readonly received = new Map<string, number>();

  constructor(o: FutuSimulatorOptions) {
    this.exchange = o.exchange;
    this.host = o.host ?? '127.0.0.1';
    this.boundPort = o.port ?? 0;
    this.keepAliveInterval = o.keepAliveInterval ?? 10;
    this.subQuota = o.subQuota ?? 100;
    this.orderRateLimit = o.orderRateLimit ?? 15;
    this.rsa = o.rsaKey ? new RsaCipher(o.rsaKey) : undefined;
    this.pwdMD5 = createHash('md5')
      .update(o.password ?? FUTU_SIM_PASSWORD)
      .digest('hex');
    this.listen('order', (ord) => this.onOrder(ord));
    this.listen('fill', (f) => this.onFill(f));
    this.listen('book', (b) => this.onBook(b));
    this.listen('trade', (t) => this.onTrade(t));
    this.listen('stats', (s) => this.onStats(s));
  }

  get port(): number {
    return this.boundPort;
  }

  get address(): string {
    return `${this.host}:${this.boundPort}`;
  }

  get connections(): number {
    return this.sessions.size;
  }

  async start(): Promise<void> {
    const server = net.createServer((socket) => this.sessions.add(new FutuSimSession(socket, this)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    const closed = this.stopListening();
    this.dropAll();
    await closed;
    for (const off of this.unsubscribe.splice(0)) off();
  }

  // ---- levers ------------------------------------------------------------------------------------------

  dropAll(): void {
    for (const s of [...this.sessions]) s.drop();
  }

  /** OpenD restarting: everyone dropped, the port closed until resume(); the trade unlock is lost. */
  async restart(): Promise<void> {
    const closed = this.stopListening();
    this.dropAll();
    this.unlocked = false;
    await closed;
  }

  async resume(): Promise<void> {
    if (!this.server) await this.start();
  }

  /** The next order on this account is refused (retType -1 with the reason). */
  rejectNext(accID: string, reason: string): string {
    this.exchange.injectReject(accID, reason);
    return reason;
  }

  /** OpenD's trade login drops (true → false) or comes back; a Notify ConnStatus tells every client. */
  setTradeLogin(logined: boolean): void {
    this.trdLogined = logined;
    if (!logined) this.unlocked = false;
    this.notify({ type: NOTIFY_TYPE.ConnStatus, connectStatus: { qotLogined: true, trdLogined: logined } });
  }

  notify(s2c: Obj): void {
    for (const s of this.sessions) if (s.inited) s.push(PROTO.Notify, s2c);
  }

  sendRaw(bytes: Buffer): void {
    for (const s of this.sessions) s.write(bytes);
  }

  count(kind: string): void {
    this.received.set(kind, (this.received.get(kind) ?? 0) + 1);
  }

  release(s: FutuSimSession): void {
    this.sessions.delete(s);
  }

  // ---- requests ----------------------------------------------------------------------------------------

  handle(session: FutuSimSession, name: ProtoName, c2s: Obj): Obj {
    switch (name) {
      case 'InitConnect': {
        // Absent, the algorithm is FTAES_ECB; without an RSA key OpenD never encrypts, whatever is asked.
        const algo = Number(c2s['packetEncAlgo'] ?? PACKET_ENC_ALGO.FTAES_ECB);
        if (this.rsa && algo !== PACKET_ENC_ALGO.FTAES_ECB && algo !== PACKET_ENC_ALGO.None)
          throw new Failure(`packetEncAlgo ${algo} is not offered by this OpenD`);
        const connAESKey = randomBytes(8).toString('hex').toUpperCase();
        session.inited = true;
        if (this.rsa && algo === PACKET_ENC_ALGO.FTAES_ECB) session.aes = new FtAesEcbCipher(connAESKey);
        return {
          serverVer: SERVER_VER,
          loginUserID: '20_000_217'.replace(/_/g, ''),
          connID: session.connID,
          connAESKey,
          keepAliveInterval: this.keepAliveInterval,
        };
      }
      case 'KeepAlive':
        return { time: Math.floor(Date.now() / 1000) };
      case 'GetGlobalState':
        return {
          marketHK: 6,
          marketUS: 6,
          marketSH: 6,
          marketSZ: 6,
          marketHKFuture: 6,
          qotLogined: true,
          trdLogined: this.trdLogined,
          serverVer: SERVER_VER,
          serverBuildNo: 5308,
          time: Math.floor(Date.now() / 1000),
          localTime: Date.now() / 1000,
          programStatus: { type: 10, strExtDesc: '' },
          connID: session.connID,
        };
      case 'Trd_GetAccList':
        return {
          accList: FUTU_SIM_ACCOUNTS.map((a) => ({
            trdEnv: a.trdEnv,
            accID: a.accID,
            trdMarketAuthList: [...a.markets],
            accType: 2,
            cardNum: a.cardNum,
            securityFirm: 1,
            simAccType: a.trdEnv === TRD_ENV.Simulate ? 1 : 0,
            uniCardNum: a.cardNum,
            accStatus: 0,
          })),
        };
      case 'Trd_UnlockTrade':
        if (!this.trdLogined) throw new Failure('trade login is not ready', 1);
        if (c2s['unlock'] === false) {
          this.unlocked = false;
          return {};
        }
        if (c2s['pwdMD5'] !== this.pwdMD5) throw new Failure('Incorrect password. Please try again.', 1);
        this.unlocked = true;
        return {};
      case 'Trd_SubAccPush':
        session.pushAccs.clear();
        for (const id of (c2s['accIDList'] as string[] | undefined) ?? []) session.pushAccs.add(String(id));
        return {};
      case 'Qot_GetStaticInfo': {
        const market = Number(c2s['market'] ?? 0);
        return {
          staticInfoList: FUTU_SIM_SECURITIES.filter((s) => s.qotMarket === market).map((s) => ({
            basic: {
              security: { market: s.qotMarket, code: s.code },
              id: s.stockId,
              lotSize: s.lotSize,
              secType: 3,
              name: s.name,
              listTime: s.listTime,
              delisting: false,
            },
          })),
        };
      }
      case 'Qot_Sub':
        return this.sub(session, c2s);
      case 'Qot_RequestHistoryKL':
        return this.history(c2s);
      case 'Trd_GetFunds': {
        const acc = this.account(c2s);
        const a = this.exchange.getAccount(acc.accID);
        const cur = { HKD: 1, USD: 2, CNH: 3 }[acc.currency] ?? 1;
        const bal = a?.balance ?? 0;
        return {
          header: this.header(c2s),
          funds: {
            power: a?.available ?? 0,
            totalAssets: bal,
            cash: bal - (a?.frozen ?? 0),
            marketVal: 0,
            frozenCash: a?.frozen ?? 0,
            debtCash: 0,
            avlWithdrawalCash: a?.available ?? 0,
            currency: cur,
            availableFunds: a?.available ?? 0,
            unrealizedPL: 0,
            realizedPL: a?.realizedPnl ?? 0,
          },
        };
      }
      case 'Trd_GetPositionList': {
        const acc = this.account(c2s);
        return {
          header: this.header(c2s),
          positionList: this.exchange
            .getPositions(acc.accID)
            .filter((p) => p.volume > 0)
            .map((p, i) => this.positionOf(p, i)),
        };
      }
      case 'Trd_GetOrderList': {
        const acc = this.account(c2s);
        return {
          header: this.header(c2s),
          orderList: this.exchange
            .getOrders(acc.accID)
            .filter((o) => this.meta.has(o.clientOrderId))
            .map((o) => this.orderOf(o)),
        };
      }
      case 'Trd_GetOrderFillList': {
        const acc = this.account(c2s);
        return {
          header: this.header(c2s),
          orderFillList: this.exchange
            .getFills(acc.accID)
            .filter((f) => this.meta.has(f.clientOrderId))
            .map((f) => this.fillOf(f)),
        };
      }
      case 'Trd_PlaceOrder':
        return this.placeOrder(session, c2s);
      case 'Trd_ModifyOrder':
        return this.modifyOrder(session, c2s);
      default:
        throw new Failure(`${name} is not a request`);
    }
  }

  private header(c2s: Obj): Obj {
    const h = c2s['header'] as Obj;
    return { trdEnv: h['trdEnv'], accID: h['accID'], trdMarket: h['trdMarket'] };
  }

  private account(c2s: Obj): FutuSimAccount {
    const h = (c2s['header'] ?? {}) as Obj;
    const acc = FUTU_SIM_ACCOUNTS.find((a) => a.accID === String(h['accID']));
    if (!acc) throw new Failure(`unknown account ${String(h['accID'])}`, 1);
    if (acc.trdEnv !== Number(h['trdEnv'])) throw new Failure('account and trdEnv do not match', 1);
    if (!acc.markets.includes(Number(h['trdMarket'])))
      throw new Failure('account has no right to this market', 1);
    if (!this.trdLogined) throw new Failure('trade login is not ready', 1);
    return acc;
  }

  private tradable(c2s: Obj, session: FutuSimSession, kind: 'place' | 'modify'): FutuSimAccount {
    const acc = this.account(c2s);
    if (acc.trdEnv === TRD_ENV.Real && !this.unlocked) throw new Failure('Please unlock trade first', 1);
    const pid = (c2s['packetID'] ?? {}) as Obj;
    if (String(pid['connID']) !== session.connID)
      throw new Failure('packetID.connID is not this connection', 1);
    const key = `${String(pid['connID'])}/${String(pid['serialNo'])}`;
    if (this.packetIds.has(key)) throw new Failure('Duplicate packetID: request already handled', 1);
    this.packetIds.add(key);
    const window = `${acc.accID}/${kind}`;
    const now = Date.now();
    const times = (this.recent.get(window) ?? []).filter((t) => t > now - 30_000);
    if (times.length >= this.orderRateLimit) {
      throw new Failure(`Too frequent requests: at most ${this.orderRateLimit} per 30 seconds`, 1);
    }
    times.push(now);
    this.recent.set(window, times);
    return acc;
  }

  private placeOrder(session: FutuSimSession, c2s: Obj): Obj {
    const acc = this.tradable(c2s, session, 'place');
    const code = String(c2s['code'] ?? '');
    const trdMarket = Number((c2s['header'] as Obj)['trdMarket']);
    const secMarket = c2s['secMarket'] === undefined ? undefined : Number(c2s['secMarket']);
    const sec = FUTU_SIM_SECURITIES.find(
      (s) =>
        s.code === code &&
        s.trdMarket === trdMarket &&
        (secMarket === undefined || s.secMarket === secMarket),
    );
    if (!sec) throw new Failure(`Unknown stock ${code}`, 1);
    const orderType = Number(c2s['orderType']);
    const hkOnly = orderType === ORDER_TYPE.SpecialLimit || orderType === ORDER_TYPE.SpecialLimitAll;
    if (hkOnly && sec.trdMarket !== TRD_MARKET.HK)
      throw new Failure(`order type ${orderType} is only for Hong Kong securities`, 1);
    if (orderType === ORDER_TYPE.Market && sec.trdMarket === TRD_MARKET.CN)
      throw new Failure('market orders are not supported for A-shares', 1);
    const type = {
      [ORDER_TYPE.Normal]: OrderType.LIMIT,
      [ORDER_TYPE.AbsoluteLimit]: OrderType.LIMIT,
      [ORDER_TYPE.Market]: OrderType.MARKET,
      [ORDER_TYPE.SpecialLimit]: OrderType.FAK,
      [ORDER_TYPE.SpecialLimitAll]: OrderType.FOK,
    }[orderType];
    if (!type) throw new Failure(`order type ${orderType} is not supported`, 1);
    const side = Number(c2s['trdSide']);
    if (side !== TRD_SIDE.Buy && side !== TRD_SIDE.Sell)
      throw new Failure(`trdSide ${side} is not supported`, 1);
    const qty = Number(c2s['qty']);
    if (!(qty > 0) || qty % sec.lotSize !== 0) {
      throw new Failure(`The quantity must be a multiple of the lot size (${sec.lotSize})`, 1);
    }
    const clientOrderId = `${acc.accID}:${++this.seq}`;
    const meta: OrderMeta = {
      accID: acc.accID,
      trdEnv: acc.trdEnv,
      trdMarket,
      futuId: '',
      remark: String(c2s['remark'] ?? ''),
      orderType,
      sec,
      timeInForce: Number(c2s['timeInForce'] ?? 0),
    };
    this.meta.set(clientOrderId, meta);
    const r = this.exchange.placeOrder(acc.accID, {
      symbol: sec.spec.symbol,
      side: side === TRD_SIDE.Buy ? 'BUY' : 'SELL',
      type,
      price: type === OrderType.MARKET ? 0 : Number(c2s['price'] ?? 0),
      volume: qty,
      clientOrderId,
    });
    if (!r.ok) {
      this.meta.delete(clientOrderId);
      throw new Failure(r.reason, 1);
    }
    return { header: this.header(c2s), orderID: meta.futuId, orderIDEx: `FT${meta.futuId.slice(-8)}` };
  }

  private modifyOrder(session: FutuSimSession, c2s: Obj): Obj {
    const acc = this.tradable(c2s, session, 'modify');
    const futuId = String(c2s['orderID']);
    const clientOrderId = this.byFutuId.get(futuId);
    if (!clientOrderId || this.meta.get(clientOrderId)?.accID !== acc.accID) {
      throw new Failure(`order ${futuId} does not exist`, 1);
    }
    const op = Number(c2s['modifyOrderOp']);
    let r;
    if (op === MODIFY_ORDER_OP.Cancel || op === MODIFY_ORDER_OP.Delete) {
      r = this.exchange.cancelByClientId(acc.accID, clientOrderId);
    } else if (op === MODIFY_ORDER_OP.Normal) {
      r = this.exchange.amendByClientId(acc.accID, clientOrderId, {
        price: c2s['price'] === undefined ? undefined : Number(c2s['price']),
        volume: c2s['qty'] === undefined ? undefined : Number(c2s['qty']),
      });
    } else {
      throw new Failure(`modifyOrderOp ${op} is not supported`, 1);
    }
    if (!r.ok) {
      throw new Failure(
        r.code === 'ORDER_NOT_ACTIVE' ? 'This order cannot be modified in its status' : r.reason,
        1,
      );
    }
    return { header: this.header(c2s), orderID: futuId, orderIDEx: `FT${futuId.slice(-8)}` };
  }

  private sub(session: FutuSimSession, c2s: Obj): Obj {
    const list = ((c2s['securityList'] as Obj[] | undefined) ?? []).map((s) => {
      const sec = FUTU_SIM_SECURITIES.find(
        (x) => x.qotMarket === Number(s['market']) && x.code === s['code'],
      );
      if (!sec) throw new Failure(`Unknown stock ${String(s['code'])}`, 1);
      return sec;
    });
    const types = ((c2s['subTypeList'] as number[] | undefined) ?? []).map(Number);
    if (c2s['isSubOrUnSub'] === false) {
      for (const sec of list) session.subs.delete(sec.spec.symbol);
      return {};
    }
    const used = [...session.subs.values()].reduce((n, s) => n + s.size, 0);
    const wanted = list.reduce(
      (n, sec) => n + types.filter((t) => !(session.subs.get(sec.spec.symbol)?.has(t) ?? false)).length,
      0,
    );
    if (used + wanted > this.subQuota) {
      throw new Failure(
        `Insufficient subscription quota: ${used} of ${this.subQuota} used, ${wanted} more asked`,
        1,
      );
    }
    for (const sec of list) {
      const set = session.subs.get(sec.spec.symbol) ?? new Set<number>();
      for (const t of types) set.add(t);
      session.subs.set(sec.spec.symbol, set);
    }
    if (c2s['isFirstPush'] !== false) {
      for (const sec of list) {
        const stats = this.exchange.getStats(sec.spec.symbol);
        const book = this.exchange.getBook(sec.spec.symbol, 10);
        if (stats && types.includes(SUB_TYPE.Basic))
          session.push(PROTO.Qot_UpdateBasicQot, this.basicQotPush(sec, stats));
        if (book && types.includes(SUB_TYPE.OrderBook))
          session.push(PROTO.Qot_UpdateOrderBook, this.bookPush(sec, book));
      }
    }
    return {};
  }

  private history(c2s: Obj): Obj {
    const s = (c2s['security'] ?? {}) as Obj;
    const sec = FUTU_SIM_SECURITIES.find((x) => x.qotMarket === Number(s['market']) && x.code === s['code']);
    if (!sec) throw new Failure(`Unknown stock ${String(s['code'])}`, 1);
    const interval = {
      [KL_TYPE.Min1]: Interval.MINUTE,
      [KL_TYPE.Min60]: Interval.HOUR,
      [KL_TYPE.Day]: Interval.DAILY,
      [KL_TYPE.Week]: Interval.WEEKLY,
    }[Number(c2s['klType'])];
    if (!interval) throw new Failure(`klType ${String(c2s['klType'])} is not supported`, 1);
    const zone = sec.qotMarket === 11 ? 'America/New_York' : 'Asia/Hong_Kong';
    const begin = parseMarketTime(String(c2s['beginTime']), zone);
    const end = parseMarketTime(String(c2s['endTime']), zone);
    if (!Number.isFinite(begin) || !Number.isFinite(end))
      throw new Failure('beginTime/endTime are not yyyy-MM-dd HH:mm:ss', 1);
    const key = c2s['nextReqKey'] as Buffer | undefined;
    const from = key && key.length === 8 ? Number(key.readBigInt64LE(0)) : begin;
    const max = Math.max(1, Math.min(1000, Number(c2s['maxAckKLNum'] ?? 1000)));
    const bars = this.exchange.getBars(sec.spec.symbol, interval, from, end);
    const page = bars.slice(0, max);
    const rest = bars[max];
    const out: Obj = {
      security: { market: sec.qotMarket, code: sec.code },
      name: sec.name,
      klList: page.map((b) => ({
        time: formatZoned(b.time, zone),
        isBlank: false,
        highPrice: b.high,
        openPrice: b.open,
        lowPrice: b.low,
        closePrice: b.close,
        volume: String(Math.round(b.volume)),
        turnover: b.turnover,
        timestamp: b.time / 1000,
      })),
    };
    if (rest) {
      const next = Buffer.alloc(8);
      next.writeBigInt64LE(BigInt(rest.time));
      out['nextReqKey'] = next;
    }
    return out;
  }

  // ---- shapes ------------------------------------------------------------------------------------------

  private secOfSymbol(symbol: string): FutuSimSecurity | undefined {
    return FUTU_SIM_SECURITIES.find((s) => s.spec.symbol === symbol);
  }

  orderOf(o: SimOrder): Obj {
    const m = this.meta.get(o.clientOrderId)!;
    const status =
      o.status === 'NEW'
        ? ORDER_STATUS.Submitted
        : o.status === 'PARTIALLY_FILLED'
          ? ORDER_STATUS.Filled_Part
          : o.status === 'FILLED'
            ? ORDER_STATUS.Filled_All
            : o.status === 'CANCELED'
              ? o.filled > 0
                ? ORDER_STATUS.Cancelled_Part
                : ORDER_STATUS.Cancelled_All
              : o.status === 'REJECTED'
                ? ORDER_STATUS.Failed
                : ORDER_STATUS.WaitingSubmit;
    return {
      trdSide: o.side === 'BUY' ? TRD_SIDE.Buy : TRD_SIDE.Sell,
      orderType: m.orderType,
      orderStatus: status,
      orderID: m.futuId,
      orderIDEx: `FT${m.futuId.slice(-8)}`,
      code: m.sec.code,
      name: m.sec.name,
      qty: o.volume,
      price: o.price,
      createTime: formatZoned(o.createdAt, 'Asia/Hong_Kong'),
      updateTime: formatZoned(o.updatedAt, 'Asia/Hong_Kong'),
      fillQty: o.filled,
      fillAvgPrice: o.avgPrice,
      lastErrMsg: o.status === 'REJECTED' ? o.reason : '',
      secMarket: m.sec.secMarket,
      createTimestamp: o.createdAt / 1000,
      updateTimestamp: o.updatedAt / 1000,
      remark: m.remark,
      timeInForce: m.timeInForce,
      fillOutsideRTH: false,
      auxPrice: 0,
      currency: { HKD: 1, USD: 2, CNY: 3 }[m.sec.spec.currency] ?? 1,
      trdMarket: m.trdMarket,
    };
  }

  fillOf(f: SimFill): Obj {
    const m = this.meta.get(f.clientOrderId)!;
    const fillID = String(FILL_ID_BASE + BigInt(f.tradeId));
    return {
      trdSide: f.side === 'BUY' ? TRD_SIDE.Buy : TRD_SIDE.Sell,
      fillID,
      fillIDEx: `FL${fillID.slice(-10)}`,
      orderID: m.futuId,
      orderIDEx: `FT${m.futuId.slice(-8)}`,
      code: m.sec.code,
      name: m.sec.name,
      qty: f.volume,
      price: f.price,
      createTime: formatZoned(f.time, 'Asia/Hong_Kong'),
      counterBrokerID: 0,
      counterBrokerName: '',
      secMarket: m.sec.secMarket,
      createTimestamp: f.time / 1000,
      updateTimestamp: f.time / 1000,
      status: 0,
      trdMarket: m.trdMarket,
    };
  }

  private positionOf(
    p: { symbol: string; direction: string; volume: number; frozen: number; avgPrice: number; pnl: number },
    i: number,
  ): Obj {
    const sec = this.secOfSymbol(p.symbol)!;
    const last = this.exchange.getStats(p.symbol)?.lastPrice ?? p.avgPrice;
    return {
      positionID: String(1_000_000 + i),
      positionSide: p.direction === 'SHORT' ? 1 : 0,
      code: sec.code,
      name: sec.name,
      qty: p.volume,
      canSellQty: p.volume - p.frozen,
      price: last,
      costPrice: p.avgPrice,
      val: last * p.volume,
      plVal: p.pnl,
      plRatio: p.avgPrice > 0 ? (last - p.avgPrice) / p.avgPrice : 0,
      secMarket: sec.secMarket,
      td_plVal: p.pnl,
      currency: { HKD: 1, USD: 2, CNY: 3 }[sec.spec.currency] ?? 1,
      trdMarket: sec.trdMarket,
    };
  }

  basicQotPush(sec: FutuSimSecurity, s: MarketStats): Obj {
    return {
      basicQotList: [
        {
          security: { market: sec.qotMarket, code: sec.code },
          name: sec.name,
          isSuspended: false,
          listTime: sec.listTime,
          priceSpread: sec.spec.pricetick,
          updateTime: formatZoned(s.time, 'Asia/Hong_Kong'),
          highPrice: s.highPrice,
          openPrice: s.openPrice,
          lowPrice: s.lowPrice,
          curPrice: s.lastPrice,
          lastClosePrice: s.preClose,
          volume: String(Math.round(s.volume)),
          turnover: s.turnover,
          turnoverRate: 0,
          amplitude: s.preClose > 0 ? ((s.highPrice - s.lowPrice) / s.preClose) * 100 : 0,
          updateTimestamp: s.time / 1000,
        },
      ],
    };
  }

  bookPush(sec: FutuSimSecurity, b: BookSnapshot): Obj {
    const rows = (l: { price: number; volume: number }[]) =>
      l.slice(0, 10).map((x) => ({ price: x.price, volume: String(Math.round(x.volume)), orederCount: 1 }));
    return {
      security: { market: sec.qotMarket, code: sec.code },
      name: sec.name,
      orderBookAskList: rows(b.asks),
      orderBookBidList: rows(b.bids),
      svrRecvTimeBidTimestamp: b.time / 1000,
      svrRecvTimeAskTimestamp: b.time / 1000,
    };
  }

  // ---- engine events -----------------------------------------------------------------------------------

  private onOrder(o: SimOrder): void {
    const m = this.meta.get(o.clientOrderId);
    if (!m) return;
    if (!m.futuId) {
      m.futuId = String(ORDER_ID_BASE + BigInt(o.orderId));
      this.byFutuId.set(m.futuId, o.clientOrderId);
    }
    const push = {
      header: { trdEnv: m.trdEnv, accID: m.accID, trdMarket: m.trdMarket },
      order: this.orderOf(o),
    };
    for (const s of this.sessions) if (s.pushAccs.has(m.accID)) s.push(PROTO.Trd_UpdateOrder, push);
  }

  private onFill(f: SimFill): void {
    const m = this.meta.get(f.clientOrderId);
    if (!m) return;
    const push = {
      header: { trdEnv: m.trdEnv, accID: m.accID, trdMarket: m.trdMarket },
      orderFill: this.fillOf(f),
    };
    for (const s of this.sessions) if (s.pushAccs.has(m.accID)) s.push(PROTO.Trd_UpdateOrderFill, push);
  }

  private onBook(b: BookSnapshot): void {
    const sec = this.secOfSymbol(b.symbol);
    if (!sec || this.silent) return;
    for (const s of this.sessions) {
      if (s.subs.get(b.symbol)?.has(SUB_TYPE.OrderBook))
        s.push(PROTO.Qot_UpdateOrderBook, this.bookPush(sec, b));
    }
  }

  tickerPush(sec: FutuSimSecurity, t: PublicTrade): Obj {
    return {
      security: { market: sec.qotMarket, code: sec.code },
      name: sec.name,
      tickerList: [
        {
          time: formatZoned(t.time, 'Asia/Hong_Kong'),
          sequence: String(t.tradeId),
          // TickerDirection: 1 outer (buyer-initiated), 2 inner (seller-initiated).
          dir: t.side === 'BUY' ? 1 : 2,
          price: t.price,
          volume: String(Math.round(t.volume)),
          turnover: t.price * t.volume,
          timestamp: t.time / 1000,
        },
      ],
    };
  }

  private onTrade(t: PublicTrade): void {
    const sec = this.secOfSymbol(t.symbol);
    if (!sec || this.silent) return;
    for (const s of this.sessions) {
      if (s.subs.get(t.symbol)?.has(SUB_TYPE.Ticker)) s.push(PROTO.Qot_UpdateTicker, this.tickerPush(sec, t));
    }
  }

  private onStats(st: MarketStats): void {
    const sec = this.secOfSymbol(st.symbol);
    if (!sec || this.silent) return;
    for (const s of this.sessions) {
      if (s.subs.get(st.symbol)?.has(SUB_TYPE.Basic))
        s.push(PROTO.Qot_UpdateBasicQot, this.basicQotPush(sec, st));
    }
  }

  private listen<E extends keyof SimExchangeEvents>(event: E, fn: SimExchangeEvents[E]): void {
    this.exchange.on(event, fn);
    this.unsubscribe.push(() => this.exchange.off(event, fn));
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const OFFSETS: Record<string, number> = {};

/** The UTC offset of a zone at an instant, in ms (OpenD's times are the market's wall clock). */
function zoneOffset(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / 3_600_000)}`;
  const hit = OFFSETS[key];
  if (hit !== undefined) return hit;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const g = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'), g('second'));
  const off = asUtc - Math.floor(ms / 1000) * 1000;
  OFFSETS[key] = off;
  return off;
}

export function formatZoned(ms: number, zone: string): string {
  const d = new Date(ms + zoneOffset(ms, zone));
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`
  );
}

export function parseMarketTime(text: string, zone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return NaN;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return wall - zoneOffset(wall, zone);
}
