// The one suite every gateway passes against its simulator. The scenarios are what a trader relies on:
// contracts appear, ticks are sane, an order goes through its whole life, cancels and rejections are
// reported, bad requests never leave the process, and a dropped link heals without losing or repeating a trade.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, GatewayStatus, OrderType, Status } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { RequestError } from '../../src/core/errors.js';
import type { AnyEvent } from '../../src/core/event.js';
import type {
  LogData,
  OrderData,
  OrderRequest,
  PositionData,
  TickData,
  TradeData,
} from '../../src/core/object.js';
import { makeVtSymbol } from '../../src/core/object.js';
import type { ConformanceTarget } from './target.js';

const LIMIT_MS = Number(process.env.VNT_TEST_WAIT_MS) || 30_000;

/** Volumes are compared with a tolerance: crypto lots such as 0.001 do not add up exactly in binary. */
function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function sumVolume(trades: TradeData[]): number {
  return trades.reduce((s, t) => s + t.volume, 0);
}

/** Everything the gateway pushed, in order, for the scenarios to inspect. */
class Recorder {
  readonly orderUpdates = new Map<string, OrderData[]>();
  readonly trades: TradeData[] = [];
  readonly ticks: TickData[] = [];
  readonly positions: PositionData[] = [];
  readonly statuses: GatewayStatus[] = [];
  readonly logs: LogData[] = [];
  accountEvents = 0;

  readonly handle = (e: AnyEvent): void => {
    switch (e.type) {
      case 'order': {
        const list = this.orderUpdates.get(e.data.vtOrderid) ?? [];
        list.push({ ...e.data });
        this.orderUpdates.set(e.data.vtOrderid, list);
        break;
      }
      case 'trade':
        this.trades.push(e.data);
        break;
      case 'tick':
        this.ticks.push(e.data);
        break;
      case 'position':
        this.positions.push(e.data);
        break;
      case 'account':
        this.accountEvents += 1;
        break;
      case 'gateway':
        this.statuses.push(e.data.status);
        break;
      case 'log':
        this.logs.push(e.data);
        break;
      default:
        break;
    }
  };

  lastStatus(vtOrderid: string): Status | undefined {
    const list = this.orderUpdates.get(vtOrderid);
    return list?.[list.length - 1]?.status;
  }

  tradesOf(vtOrderid: string): TradeData[] {
    return this.trades.filter((t) => t.vtOrderid === vtOrderid);
  }

  recentLogs(): string {
    return this.logs
      .slice(-12)
      .map((l) => `    [${l.gatewayName}] ${l.msg}`)
      .join('\n');
  }
}

const ORDER_PROGRESS: Record<Status, number> = {
  [Status.SUBMITTING]: 0,
  [Status.NOTTRADED]: 1,
  [Status.PARTTRADED]: 2,
  [Status.ALLTRADED]: 3,
  [Status.CANCELLED]: 3,
  [Status.REJECTED]: 3,
};

export function runConformance(target: ConformanceTarget, title = target.gatewayClass.defaultName): void {
  const test = suite(`conformance: ${title}`);
  const gatewayName = target.gatewayName ?? target.gatewayClass.defaultName;
  const ins = target.instrument;
  const vtSymbol = makeVtSymbol(ins.symbol, ins.exchange);
  let me: MainEngine;
  let rec: Recorder;
  let baseline: Map<string, number>;

  async function waitFor(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + LIMIT_MS;
    while (!condition()) {
      if (Date.now() > deadline) {
        throw new Error(`${title}: gave up waiting for ${what}\n  recent gateway logs:\n${rec.recentLogs()}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  function buy(price: number, volume = ins.volume): OrderRequest {
    return {
      symbol: ins.symbol,
      exchange: ins.exchange,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price,
      volume,
      offset: ins.openOffset,
      reference: 'conformance',
    };
  }

  /**
   * The gateway's long (or net) volume in the instrument. Looked up by fields rather than by a computed
   * vtPositionid: a mirror such as RPC may key positions by the remote account as well.
   */
  function longVolume(): number {
    const mine = me.getAllPositions().filter((p) => p.gatewayName === gatewayName && p.vtSymbol === vtSymbol);
    const position =
      mine.find((p) => p.direction === Direction.LONG) ?? mine.find((p) => p.direction === Direction.NET);
    if (position && !position.vtPositionid.startsWith(`${gatewayName}.`)) {
      throw new Error(`vtPositionid "${position.vtPositionid}" does not start with the gateway name`);
    }
    return position?.volume ?? 0;
  }

  async function restingOrder(volume = ins.volume): Promise<string> {
    const vtOrderid = me.sendOrder(buy(ins.restingBuyPrice, volume), gatewayName);
    await waitFor(() => rec.lastStatus(vtOrderid) === Status.NOTTRADED, `${vtOrderid} to rest as NOTTRADED`);
    return vtOrderid;
  }

  test.before(async () => {
    // Node opens stderr lazily (e.g. on a first closed socket's warning); open it now so it is in the baseline.
    void process.stderr.fd;
    baseline = resourceCounts();
    rec = new Recorder();
    me = new MainEngine({ log: false });
    me.eventEngine.registerGeneral(rec.handle);
    me.addGateway(target.gatewayClass, gatewayName);
    const setting = await target.start();
    await me.connect(setting, gatewayName);
  });

  test.after(async () => {
    // Only reached with a connected engine if the close scenario failed before closing.
    if (me?.eventEngine.isActive) await me.close().catch(() => undefined);
  });

  test('connect: the gateway is CONNECTED and its contracts are in the OMS', async () => {
    await waitFor(() => me.getContract(vtSymbol) !== undefined, `contract ${vtSymbol}`);
    const contract = me.getContract(vtSymbol)!;
    assert.is(contract.gatewayName, gatewayName);
    assert.ok(contract.pricetick > 0, 'pricetick is positive');
    assert.ok(contract.minVolume > 0, 'minVolume is positive');
    assert.ok(contract.name.length > 0, 'contract has a name');
    await waitFor(() => rec.statuses.includes(GatewayStatus.CONNECTED), 'a CONNECTED gateway event');
    assert.is(me.getGateway(gatewayName).status, GatewayStatus.CONNECTED);
    await waitFor(() => me.getAllAccounts().some((a) => a.gatewayName === gatewayName), 'an account');
  });

  test('subscribe: ticks arrive with a sane bid and ask', async () => {
    me.subscribe({ symbol: ins.symbol, exchange: ins.exchange }, gatewayName);
    await waitFor(
      () => rec.ticks.some((t) => t.vtSymbol === vtSymbol && t.bidPrice1 > 0),
      `a tick for ${vtSymbol}`,
    );
    const tick = rec.ticks.filter((t) => t.vtSymbol === vtSymbol && t.bidPrice1 > 0).pop()!;
    assert.is(tick.gatewayName, gatewayName);
    assert.ok(tick.askPrice1 > tick.bidPrice1, `ask ${tick.askPrice1} above bid ${tick.bidPrice1}`);
    assert.ok(tick.bidVolume1 > 0 && tick.askVolume1 > 0, 'level-1 volumes are positive');
    assert.ok(tick.datetime > 0, 'tick has a timestamp');
    if (tick.bidPrice2 > 0) assert.ok(tick.bidPrice2 < tick.bidPrice1, 'bid levels descend');
    if (tick.askPrice2 > 0) assert.ok(tick.askPrice2 > tick.askPrice1, 'ask levels ascend');
    assert.ok(ins.restingBuyPrice < tick.askPrice1, 'the target resting price does not cross the book');
  });

  test('limit order lifecycle: SUBMITTING -> NOTTRADED -> PARTTRADED -> ALLTRADED, with trades and position', async () => {
    const before = longVolume();
    const accountEventsBefore = rec.accountEvents;
    const vtOrderid = me.sendOrder(buy(ins.restingBuyPrice), gatewayName);
    assert.ok(
      vtOrderid.startsWith(`${gatewayName}.`),
      `vtOrderid "${vtOrderid}" starts with the gateway name`,
    );
    await waitFor(() => rec.lastStatus(vtOrderid) === Status.NOTTRADED, 'NOTTRADED');
    // The first fill is about half the order, on the lot size.
    const step = me.getContract(vtSymbol)!.volumeStep;
    const part = Math.max(1, Math.floor(ins.volume / step / 2)) * step;
    assert.ok(part < ins.volume, 'the instrument volume allows two partial fills');
    await target.fill(Direction.SHORT, ins.restingBuyPrice, part);
    await waitFor(() => rec.lastStatus(vtOrderid) === Status.PARTTRADED, 'PARTTRADED');
    await target.fill(Direction.SHORT, ins.restingBuyPrice, Number((ins.volume - part).toFixed(12)));
    await waitFor(() => rec.lastStatus(vtOrderid) === Status.ALLTRADED, 'ALLTRADED');

    const updates = rec.orderUpdates.get(vtOrderid)!;
    assert.is(updates[0]!.status, Status.SUBMITTING, 'the first update is SUBMITTING');
    for (let i = 1; i < updates.length; i++) {
      assert.ok(
        ORDER_PROGRESS[updates[i]!.status] >= ORDER_PROGRESS[updates[i - 1]!.status],
        `status never goes backwards (${updates.map((u) => u.status).join(' -> ')})`,
      );
      assert.ok(updates[i]!.traded >= updates[i - 1]!.traded, 'traded never decreases');
    }
    const final = updates[updates.length - 1]!;
    assert.ok(near(final.traded, ins.volume), `traded ${final.traded} equals the order volume ${ins.volume}`);
    assert.ok(near(final.volume, ins.volume), 'the order keeps its volume');

    await waitFor(() => near(sumVolume(rec.tradesOf(vtOrderid)), ins.volume), 'trades for the whole volume');
    const trades = rec.tradesOf(vtOrderid);
    assert.ok(near(sumVolume(trades), ins.volume), 'trade volumes add up to the order volume');
    for (const t of trades) {
      assert.is(t.direction, Direction.LONG);
      assert.is(t.price, ins.restingBuyPrice, 'filled at the resting price');
      assert.is(t.vtSymbol, vtSymbol);
    }
    await waitFor(() => near(longVolume(), before + ins.volume), `long position to grow by ${ins.volume}`);
    await waitFor(() => rec.accountEvents > accountEventsBefore, 'an account update after the fills');
  });

  test('cancel: a resting order becomes CANCELLED and leaves the active orders', async () => {
    const vtOrderid = await restingOrder();
    assert.ok(
      me.getAllActiveOrders(vtSymbol).some((o) => o.vtOrderid === vtOrderid),
      'listed as active',
    );
    const order = me.getOrder(vtOrderid)!;
    me.cancelOrder({ orderid: order.orderid, symbol: order.symbol, exchange: order.exchange }, gatewayName);
    await waitFor(() => rec.lastStatus(vtOrderid) === Status.CANCELLED, 'CANCELLED');
    await waitFor(
      () => !me.getAllActiveOrders().some((o) => o.vtOrderid === vtOrderid),
      'removal from active',
    );
    assert.is(rec.tradesOf(vtOrderid).length, 0, 'a cancelled resting order has no trades');
    assert.throws(
      () =>
        me.cancelOrder(
          { orderid: order.orderid, symbol: order.symbol, exchange: order.exchange },
          gatewayName,
        ),
      (e: unknown) => e instanceof RequestError,
      'cancelling a cancelled order is refused',
    );
  });

  test("rejection: the venue's refusal arrives as a REJECTED order with the venue's reason", async () => {
    const reason = await target.rejectNext();
    const vtOrderid = me.sendOrder(buy(ins.restingBuyPrice), gatewayName);
    await waitFor(() => rec.lastStatus(vtOrderid) === Status.REJECTED, 'REJECTED');
    const order = me.getOrder(vtOrderid)!;
    assert.ok(
      order.statusMsg.includes(reason),
      `statusMsg "${order.statusMsg}" carries the venue's reason "${reason}"`,
    );
    assert.is(rec.tradesOf(vtOrderid).length, 0);
  });

  test('invalid requests are refused with a clear error before anything is sent', async () => {
    await settleFor(me);
    const ordersBefore = me.getAllOrders().length;
    const updatesBefore = [...rec.orderUpdates.values()].reduce((n, l) => n + l.length, 0);
    const cases: Array<[string, OrderRequest, RegExp]> = [
      ['unknown symbol', { ...buy(ins.restingBuyPrice), symbol: 'NO_SUCH_SYMBOL' }, /unknown contract/],
      ['zero volume', buy(ins.restingBuyPrice, 0), /volume/],
      ['negative volume', buy(ins.restingBuyPrice, -1), /volume/],
      ['price off the tick', buy(ins.offTickPrice), /tick/],
    ];
    for (const [what, req, message] of cases) {
      try {
        me.sendOrder(req, gatewayName);
        assert.unreachable(`${what} was sent`);
      } catch (error) {
        assert.instance(error, RequestError, `${what}: a RequestError`);
        assert.match((error as Error).message, message, `${what}: the message says why`);
      }
    }
    assert.throws(() => me.sendOrder(buy(ins.restingBuyPrice), 'NO_SUCH_GATEWAY'), /unknown gateway/);
    await settleFor(me);
    assert.is(me.getAllOrders().length, ordersBefore, 'no order was created');
    assert.is(
      [...rec.orderUpdates.values()].reduce((n, l) => n + l.length, 0),
      updatesBefore,
      'no order event',
    );
  });

  test('dropped connection: reconnects, resubscribes, reconciles, and emits no duplicate trade', async () => {
    const resting = await restingOrder();
    const statusesBefore = rec.statuses.length;
    await target.drop();
    await waitFor(
      () =>
        rec.statuses
          .slice(statusesBefore)
          .some((s) => s === GatewayStatus.RECONNECTING || s === GatewayStatus.DISCONNECTED),
      'the gateway to report the link down',
    );
    // Counted from here: a venue that answers a resubscription with one snapshot may deliver it in the same
    // turn as the reconnect, before CONNECTED is observed.
    await settleFor(me);
    const ticksWhileDown = rec.ticks.length;
    if (target.fillWhileDown) await target.fillWhileDown(Direction.SHORT, ins.restingBuyPrice, ins.volume);
    await target.restore();
    await waitFor(
      () => rec.statuses.slice(statusesBefore).includes(GatewayStatus.CONNECTED),
      'the gateway to report CONNECTED again',
    );
    await waitFor(
      () => rec.ticks.slice(ticksWhileDown).some((t) => t.vtSymbol === vtSymbol),
      'ticks to resume without a new subscribe',
    );
    if (target.fillWhileDown) {
      await waitFor(
        () => rec.lastStatus(resting) === Status.ALLTRADED,
        'the fill made while down to be reconciled',
      );
      await waitFor(() => near(sumVolume(rec.tradesOf(resting)), ins.volume), 'the trade made while down');
    } else {
      // Still resting on the venue: the gateway must know it is live, and it must still be cancellable.
      const order = me.getOrder(resting)!;
      me.cancelOrder({ orderid: order.orderid, symbol: order.symbol, exchange: order.exchange }, gatewayName);
      await waitFor(() => rec.lastStatus(resting) === Status.CANCELLED, 'cancel after reconnect');
    }
    // A fresh order works after the reconnect.
    const after = me.sendOrder(buy(ins.restingBuyPrice), gatewayName);
    await waitFor(() => rec.lastStatus(after) === Status.NOTTRADED, 'an order sent after the reconnect');
    const order = me.getOrder(after)!;
    me.cancelOrder({ orderid: order.orderid, symbol: order.symbol, exchange: order.exchange }, gatewayName);
    await waitFor(() => rec.lastStatus(after) === Status.CANCELLED, 'cancel of that order');

    await settleFor(me);
    const seen = new Map<string, number>();
    for (const t of rec.trades) seen.set(t.vtTradeid, (seen.get(t.vtTradeid) ?? 0) + 1);
    const dupes = [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
    assert.equal(dupes, [], 'every trade is emitted exactly once');
    if (target.fillWhileDown) {
      assert.ok(near(sumVolume(rec.tradesOf(resting)), ins.volume), 'no trade volume is lost');
    }
  });

  test('close: releases every socket, timer and handle', async () => {
    await me.close();
    await target.stop();
    await waitFor(() => leakedResources(baseline).length === 0, 'sockets and timers to be released');
    assert.equal(leakedResources(baseline), []);
  });

  test.run();
}

/** Gives the engine and the gateway a few loop turns, so that anything in flight is dispatched. */
async function settleFor(me: MainEngine): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
  me.eventEngine.drain();
}

const TRACKED = /TCP|Pipe|Timeout|Immediate|UDP|Worker|MessagePort|FSEvent|Process|TTY/;

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
}

function leakedResources(baseline: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [type, n] of resourceCounts()) {
    // The poll loop in waitFor holds one Timeout of its own while it checks.
    const allowed = (baseline.get(type) ?? 0) + (type === 'Timeout' ? 1 : 0);
    if (TRACKED.test(type) && n > allowed) out.push(`${type} x${n - allowed}`);
  }
  return out;
}
