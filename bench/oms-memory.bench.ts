// OMS memory: resident bytes per order after 1,000,000 orders are inserted and each updated once.
import { Direction, Exchange, Offset, OrderType, Status } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { createOrder } from '../src/core/object.js';
import { OmsEngine } from '../src/core/oms.js';
import { report } from './report.js';

const N = 1_000_000;
const gc = (globalThis as { gc?: () => void }).gc;
const ee = new EventEngine({ timerInterval: 0 });
const oms = new OmsEngine(ee);
ee.start();
gc?.();
const before = process.memoryUsage();
for (let i = 0; i < N; i++) {
  const order = createOrder({
    gatewayName: 'SIM',
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    orderid: String(i),
    type: OrderType.LIMIT,
    direction: i % 2 ? Direction.LONG : Direction.SHORT,
    offset: Offset.OPEN,
    price: 3800 + (i % 50),
    volume: 1 + (i % 5),
    status: Status.NOTTRADED,
    datetime: 1_700_000_000_000 + i,
  });
  ee.put('order', order, order.vtOrderid);
  ee.put('order', { ...order, status: Status.ALLTRADED, traded: order.volume }, order.vtOrderid);
  if (i % 10_000 === 0) ee.drain();
}
ee.drain();
gc?.();
const after = process.memoryUsage();
if (oms.getAllOrders().length !== N) throw new Error('orders lost');
report({ bench: 'oms.rss-per-order', value: (after.rss - before.rss) / N, unit: 'bytes/order', orders: N });
report({
  bench: 'oms.heap-per-order',
  value: (after.heapUsed - before.heapUsed) / N,
  unit: 'bytes/order',
  orders: N,
});
ee.stop();
