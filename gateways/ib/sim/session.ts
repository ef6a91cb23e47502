// One API client connected to the simulated TWS: the handshake, START_API, rate policing, and the requests
// vnt's gateway makes, answered from the shared matching engine with TWS's field orders.
import type net from 'node:net';
import { Interval, OrderType } from '../../../src/core/constant.js';
import type { BookSnapshot, MarketStats, PublicTrade } from '../../../src/sim/types.js';
import { encodeMessage, FrameDecoder, parseVersionRange, type Field } from '../codec.js';
import * as msg from '../incoming.js';
import { decodeClientRequest, type ClientRequest, type HistoricalRequest } from '../outgoing.js';
import { TICK } from '../protocol.js';
import { formatIbDate, formatIbTime, formatIbWallTime, parseIbTime } from '../time.js';
import { simSchedule, type IbSimInstrument } from './instruments.js';
import type { SessionPort, TwsHost } from './host.js';

/** TWS's own limit; a client above it is told so and disconnected. */
const MAX_MESSAGES_PER_SECOND = 50;

interface DepthSub {
  symbol: string;
  rows: number;
  bids: number;
  asks: number;
}

export class SimSession implements SessionPort {
  clientId = -1;
  private stage: 'prefix' | 'version' | 'start' | 'ready' | 'closed' = 'prefix';
  private prefix = Buffer.alloc(0);
  private readonly decoder = new FrameDecoder(1 << 20);
  private version = 0;
  private readonly recent: number[] = [];
  readonly ticks = new Map<number, string>();
  private readonly depth = new Map<number, DepthSub>();
  accountUpdates = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly sim: TwsHost<SimSession>,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => this.closed());
  }

  get ready(): boolean {
    return this.stage === 'ready';
  }

  get serverVersion(): number {
    return this.version;
  }

  send(fields: readonly Field[]): void {
    if (this.stage === 'closed') return;
    this.socket.write(encodeMessage(fields));
  }

  /** Writes bytes as they are, framing or not: for tests of what the client does with a broken stream. */
  sendRaw(bytes: Buffer): void {
    if (this.stage === 'closed') return;
    this.socket.write(bytes);
  }

  error(reqId: number, code: number, text: string): void {
    this.send(msg.errorMessage(this.version, { reqId, code, message: text, advancedOrderRejectJson: '' }));
  }

  /** Closes the connection the way TWS does at its daily restart: no goodbye. */
  drop(): void {
    this.socket.destroy();
    this.closed();
  }

  private closed(): void {
    if (this.stage === 'closed') return;
    this.stage = 'closed';
    this.sim.release(this);
  }

  private onData(chunk: Buffer): void {
    try {
      if (this.stage === 'prefix') {
        this.prefix = Buffer.concat([this.prefix, chunk]);
        if (this.prefix.length < 4) return;
        if (this.prefix.subarray(0, 4).toString('latin1') !== 'API\0') {
          this.drop();
          return;
        }
        chunk = this.prefix.subarray(4);
        this.stage = 'version';
      }
      this.decoder.push(chunk);
      for (let fields = this.decoder.next(); fields; fields = this.decoder.next()) {
        this.onFrame(fields);
        if (this.stage === 'closed') return;
      }
    } catch {
      // An unframeable stream cannot be answered; TWS drops such a client too.
      this.drop();
    }
  }

  private onFrame(fields: string[]): void {
    if (this.stage === 'version') {
      const range = parseVersionRange(fields[0] ?? '');
      const { minVersion, maxVersion } = this.sim;
      if (!range || range.max < minVersion || range.min > maxVersion) {
        this.drop();
        return;
      }
      this.version = Math.min(range.max, maxVersion);
      this.stage = 'start';
      this.send(msg.serverHello(this.version, formatIbTime(Date.now())));
      return;
    }
    if (!this.withinRate()) return;
    const req = decodeClientRequest(fields, this.version);
    this.sim.count(req.kind);
    if (this.stage === 'start') {
      if (req.kind !== 'startApi') return;
      this.start(req.clientId);
      return;
    }
    this.handle(req);
  }

  private withinRate(): boolean {
    const now = Date.now();
    while (this.recent.length > 0 && this.recent[0]! <= now - 1000) this.recent.shift();
    this.recent.push(now);
    if (this.recent.length <= MAX_MESSAGES_PER_SECOND) return true;
    this.error(
      -1,
      100,
      `Max rate of messages per second has been exceeded:max=${MAX_MESSAGES_PER_SECOND} rec=${this.recent.length} (1)`,
    );
    this.drop();
    return false;
  }

  private start(clientId: number): void {
    if (!this.sim.claim(clientId, this)) {
      this.error(
        -1,
        326,
        `Unable to connect as the client id is already in use. Retry with a unique client id.`,
      );
      this.drop();
      return;
    }
    this.clientId = clientId;
    this.stage = 'ready';
    this.send(msg.managedAccounts([this.sim.account]));
    this.send(msg.nextValidId(this.sim.nextValidId()));
    this.error(-1, 2104, 'Market data farm connection is OK:usfarm');
    this.error(-1, 2106, 'HMDS data farm connection is OK:ushmds');
    this.error(-1, 2158, 'Sec-def data farm connection is OK:secdefnj');
  }

  private handle(req: ClientRequest): void {
    const sim = this.sim;
    switch (req.kind) {
      case 'reqIds':
        this.send(msg.nextValidId(sim.nextValidId()));
        return;
      case 'reqCurrentTime':
        this.send(msg.currentTime(Math.floor(Date.now() / 1000)));
        return;
      case 'reqContractDetails': {
        // One answer per listing, in TWS's order; a named exchange narrows them to that listing.
        const wanted = req.contract.exchange.toUpperCase();
        const answers = sim
          .findInstruments(req.contract)
          .flatMap((i) =>
            i.listings.filter((x) => wanted === '' || x === wanted).map((x) => detailsOf(req.reqId, i, x)),
          );
        if (answers.length === 0) {
          this.error(req.reqId, 200, 'No security definition has been found for the request');
          return;
        }
        for (const d of answers) this.send(msg.contractDetails(this.version, d));
        this.send(msg.contractDetailsEnd(req.reqId));
        return;
      }
      case 'reqMktData': {
        const inst = sim.instrumentFor(req.contract);
        if (!inst) {
          this.error(req.reqId, 200, 'No security definition has been found for the request');
          return;
        }
        this.ticks.set(req.reqId, inst.spec.symbol);
        this.sendQuote(req.reqId, sim.exchange.getBook(inst.spec.symbol, 1));
        const stats = sim.exchange.getStats(inst.spec.symbol);
        if (stats) this.sendStats(req.reqId, stats, true);
        return;
      }
      case 'cancelMktData':
        this.ticks.delete(req.reqId);
        return;
      case 'reqMktDepth': {
        const inst = sim.instrumentFor(req.contract);
        if (!inst) {
          this.error(req.reqId, 200, 'No security definition has been found for the request');
          return;
        }
        const sub: DepthSub = {
          symbol: inst.spec.symbol,
          rows: Math.max(1, Math.min(req.numRows, 10)),
          bids: 0,
          asks: 0,
        };
        this.depth.set(req.reqId, sub);
        const book = sim.exchange.getBook(sub.symbol, sub.rows);
        if (book) this.sendDepth(req.reqId, sub, book);
        return;
      }
      case 'cancelMktDepth':
        this.depth.delete(req.reqId);
        return;
      case 'placeOrder':
        sim.placeOrder(this, req.orderId, req.contract, req.order);
        return;
      case 'cancelOrder':
        sim.cancelOrder(this, req.orderId);
        return;
      case 'reqOpenOrders':
        for (const o of sim.exchange.getOpenOrders(sim.account)) {
          const meta = sim.metaOf(o);
          if (!meta || meta.clientId !== this.clientId) continue;
          this.send(sim.openOrderMessage(this.version, o, meta));
          this.send(sim.orderStatusMessage(this.version, o, meta));
        }
        this.send(msg.openOrderEnd());
        return;
      case 'reqExecutions':
        for (const fill of sim.exchange.getFills(sim.account)) {
          const meta = sim.metaOfClientId(fill.clientOrderId);
          if (!meta || (req.filter.clientId !== 0 && meta.clientId !== req.filter.clientId)) continue;
          this.send(msg.executionData(this.version, sim.executionMessage(req.reqId, fill, meta)));
          this.send(msg.commissionReport(sim.commissionMessage(fill)));
        }
        this.send(msg.executionEnd(req.reqId));
        return;
      case 'reqAccountUpdates':
        if (req.account !== '' && req.account !== sim.account) {
          this.error(-1, 321, `Error validating request:-'bB' : cause - Invalid account code ${req.account}`);
          return;
        }
        this.accountUpdates = req.subscribe;
        if (req.subscribe) {
          sim.sendAccount(this);
          for (const p of sim.exchange.getPositions(sim.account)) sim.sendPortfolio(this, p);
          this.send(msg.accountTime(formatIbTime(Date.now()).slice(9, 14)));
          this.send(msg.accountDownloadEnd(sim.account));
        }
        return;
      case 'reqPositions':
        for (const p of sim.exchange.getPositions(sim.account)) {
          const inst = sim.bySymbol(p.symbol);
          if (!inst) continue;
          const signed = p.direction === 'SHORT' ? -p.volume : p.volume;
          this.send(
            msg.position({
              account: sim.account,
              contract: inst.contract,
              position: signed,
              avgCost: p.avgPrice,
            }),
          );
        }
        this.send(msg.positionEnd());
        return;
      case 'reqHistoricalData':
        this.history(req.request);
        return;
      case 'startApi':
      case 'unknown':
        return;
    }
  }

  // ---- market data -------------------------------------------------------------------------------------

  onBook(book: BookSnapshot): void {
    for (const [reqId, symbol] of this.ticks) if (symbol === book.symbol) this.sendQuote(reqId, book);
    for (const [reqId, sub] of this.depth) {
      if (sub.symbol === book.symbol) this.sendDepth(reqId, sub, book);
    }
  }

  onTrade(trade: PublicTrade): void {
    for (const [reqId, symbol] of this.ticks) {
      if (symbol !== trade.symbol) continue;
      this.send(
        msg.tickPrice({ reqId, tickType: TICK.LAST, price: trade.price, size: trade.volume, attrMask: 0 }),
      );
      this.send(
        msg.tickString({
          reqId,
          tickType: TICK.LAST_TIMESTAMP,
          value: String(Math.floor(trade.time / 1000)),
        }),
      );
    }
  }

  onStats(stats: MarketStats): void {
    for (const [reqId, symbol] of this.ticks)
      if (symbol === stats.symbol) this.sendStats(reqId, stats, false);
  }

  private sendQuote(reqId: number, book: BookSnapshot | undefined): void {
    const bid = book?.bids[0];
    const ask = book?.asks[0];
    if (bid)
      this.send(
        msg.tickPrice({ reqId, tickType: TICK.BID, price: bid.price, size: bid.volume, attrMask: 0 }),
      );
    if (ask)
      this.send(
        msg.tickPrice({ reqId, tickType: TICK.ASK, price: ask.price, size: ask.volume, attrMask: 0 }),
      );
  }

  private sendStats(reqId: number, s: MarketStats, full: boolean): void {
    const price = (tickType: number, value: number): void => {
      if (value > 0) this.send(msg.tickPrice({ reqId, tickType, price: value, size: 0, attrMask: 0 }));
    };
    if (full) {
      price(TICK.LAST, s.lastPrice);
      price(TICK.CLOSE, s.preClose);
      price(TICK.OPEN, s.openPrice);
    }
    price(TICK.HIGH, s.highPrice);
    price(TICK.LOW, s.lowPrice);
    this.send(msg.tickSize({ reqId, tickType: TICK.VOLUME, size: s.volume }));
  }

  /** Inserts, updates and deletes rows so that the client's book mirrors the top `rows` levels. */
  private sendDepth(reqId: number, sub: DepthSub, book: BookSnapshot): void {
    const side = (levels: BookSnapshot['bids'], had: number, sideCode: number): number => {
      const n = Math.min(levels.length, sub.rows);
      for (let i = 0; i < n; i++) {
        const l = levels[i]!;
        this.send(
          msg.marketDepth({
            reqId,
            position: i,
            operation: i < had ? 1 : 0,
            side: sideCode,
            price: l.price,
            size: l.volume,
          }),
        );
      }
      for (let i = had - 1; i >= n; i--) {
        this.send(msg.marketDepth({ reqId, position: i, operation: 2, side: sideCode, price: 0, size: 0 }));
      }
      return n;
    };
    sub.bids = side(book.bids, sub.bids, 1);
    sub.asks = side(book.asks, sub.asks, 0);
  }

  // ---- history -----------------------------------------------------------------------------------------

  private history(q: HistoricalRequest): void {
    const inst = this.sim.instrumentFor(q.contract);
    if (!inst) {
      this.error(q.reqId, 200, 'No security definition has been found for the request');
      return;
    }
    const interval = BAR_SIZES[q.barSize.trim()];
    const span = parseDuration(q.duration);
    const end = q.endDateTime.trim() === '' ? Date.now() : parseIbTime(q.endDateTime);
    if (!interval || !span || end === undefined) {
      this.error(
        q.reqId,
        321,
        `Error validating request:-'bX' : cause - invalid bar size, duration or end time`,
      );
      return;
    }
    const start = end - span;
    const bars = this.sim.exchange.getBars(inst.spec.symbol, interval, start, end);
    const date = (t: number): string =>
      interval === Interval.DAILY || interval === Interval.WEEKLY
        ? formatIbDate(t)
        : q.formatDate === 2
          ? String(Math.floor(t / 1000))
          : formatIbWallTime(t);
    this.send(
      msg.historicalData(this.version, {
        reqId: q.reqId,
        start: formatIbTime(start).slice(0, 17),
        end: formatIbTime(end).slice(0, 17),
        bars: bars.map((b) => ({
          date: date(b.time),
          open: b.open,
          high: b.high,
          low: b.low,
          close: b.close,
          volume: b.volume,
          wap: b.volume > 0 ? b.turnover / b.volume : b.close,
          barCount: 1,
        })),
      }),
    );
  }
}

const BAR_SIZES: Record<string, Interval> = {
  '1 min': Interval.MINUTE,
  '1 hour': Interval.HOUR,
  '1 day': Interval.DAILY,
  '1 week': Interval.WEEKLY,
};

const DURATION_MS: Record<string, number> = {
  S: 1000,
  D: 86_400_000,
  W: 7 * 86_400_000,
  M: 30 * 86_400_000,
  Y: 365 * 86_400_000,
};

function parseDuration(text: string): number | undefined {
  const m = /^(\d+)\s+([SDWMY])$/.exec(text.trim());
  return m ? Number(m[1]) * DURATION_MS[m[2]!]! : undefined;
}

function detailsOf(reqId: number, i: IbSimInstrument, listing: string): msg.ContractDetailsMsg {
  return {
    reqId,
    contract: { ...i.contract, exchange: listing },
    marketName: i.contract.tradingClass,
    minTick: i.minTick,
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.STOP]
      .map((t) => IB_ORDER_TYPE_NAMES[t])
      .join(','),
    validExchanges: i.listings.join(','),
    longName: i.longName,
    timeZoneId: i.timeZoneId,
    tradingHours: simSchedule(i.hours.trading, i.hours.closedOn, Date.now()),
    liquidHours: simSchedule(i.hours.liquid, i.hours.closedOn, Date.now()),
    minSize: i.spec.minVolume,
    sizeIncrement: i.spec.lotSize,
  };
}

const IB_ORDER_TYPE_NAMES: Partial<Record<OrderType, string>> = {
  [OrderType.LIMIT]: 'LMT',
  [OrderType.MARKET]: 'MKT',
  [OrderType.STOP]: 'STP',
};
