// The monitors colour what a trader scans for: long and short, rising and falling.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Status } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { EventEngine } from '../../src/core/event.js';
import { createOrder, createTick } from '../../src/core/object.js';
import { connectMonitors, createMonitors } from '../../src/ui/monitors.js';
import { loadTheme } from '../../src/ui/theme.js';
import { offscreen } from '../helpers/screen.js';
import { settle } from '../helpers/wait.js';

test('long and short, rising and falling, are painted in the theme colours; inactive orders leave the active tab', async () => {
  const screen = offscreen(120, 30);
  const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
  const theme = loadTheme('dark', {});
  const m = createMonitors(screen, me, theme);
  const unhook = connectMonitors(m, me, () => {});
  for (const t of Object.values(m)) {
    t.box.width = 118;
    t.box.height = 10;
  }
  const tick = (lastPrice: number) =>
    createTick({ gatewayName: 'G', symbol: 'rb2501', exchange: Exchange.SHFE, datetime: 0, lastPrice });
  const order = (orderid: string, direction: Direction, status: Status) =>
    createOrder({
      gatewayName: 'G',
      symbol: 'rb2501',
      exchange: Exchange.SHFE,
      orderid,
      direction,
      status,
      price: 1,
      volume: 1,
    });
  me.eventEngine.put('tick', tick(3850));
  me.eventEngine.put('tick', tick(3851));
  me.eventEngine.put('order', order('1', Direction.LONG, Status.NOTTRADED));
  me.eventEngine.put('order', order('2', Direction.SHORT, Status.NOTTRADED));
  await settle(me.eventEngine);
  m.ticks.draw();
  assert.ok(m.ticks.box.content.includes(`{${theme.up}-fg}`), 'a rising last price in the up colour');
  me.eventEngine.put('tick', tick(3849));
  await settle(me.eventEngine);
  m.ticks.draw();
  assert.ok(m.ticks.box.content.includes(`{${theme.down}-fg}`), 'a falling last price in the down colour');
  assert.ok(m.ticks.box.content.includes('3849.00▼'), 'and marked with an arrow (no contract: two decimals)');
  m.orders.draw();
  assert.match(m.orders.box.content, new RegExp(`\\{${theme.long}-fg\\}Long`));
  assert.match(m.orders.box.content, new RegExp(`\\{${theme.short}-fg\\}Short`));
  assert.is(m.active.size, 2);
  me.eventEngine.put('order', order('1', Direction.LONG, Status.ALLTRADED));
  await settle(me.eventEngine);
  assert.equal(
    m.active.all().map((o) => o.orderid),
    ['2'],
  );
  unhook();
  screen.destroy();
  await me.close();
});

test.run();
