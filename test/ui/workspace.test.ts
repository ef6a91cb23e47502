// The saved workspace's settings: listings read back as written (a gateway name has no dot, a vtSymbol one),
// an unknown tab is the ticks tab, unreadable listings are left out, and pending listings come back only when
// ready, the rest kept for the next save.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultsOf } from '../../src/core/setting-schema.js';
import { GLOBAL_SCHEMA, type GlobalSettings } from '../../src/core/settings.js';
import { Interval } from '../../src/core/constant.js';
import {
  parseChartPlace,
  parseListing,
  PendingListings,
  readWorkspace,
  workspaceSettings,
} from '../../src/ui/workspace.js';

const defaults = (): GlobalSettings => defaultsOf(GLOBAL_SCHEMA) as GlobalSettings;

test('listings: gateway before the first dot, and nothing that is not one', () => {
  assert.equal(parseListing('SIM.rb2501.SHFE'), { gatewayName: 'SIM', vtSymbol: 'rb2501.SHFE' });
  assert.equal(parseListing('RPC/CTP.IF2501.CFFEX'), { gatewayName: 'RPC/CTP', vtSymbol: 'IF2501.CFFEX' });
  for (const bad of ['', 'rb2501', 'SIM.rb2501', '.rb2501.SHFE'])
    assert.is(parseListing(bad), undefined, bad);
});

test('a workspace written and read back is the same; bad parts fall back', () => {
  const none = readWorkspace(defaults());
  const sorts = { ...none.sorts, ticks: 'Symbol desc', orders: 'Price' };
  const filters = { ...none.filters, ticks: 'shfe', log: 'rejected' };
  const selections = { ...none.selections, ticks: 'SIM.au2506.SHFE', orders: 'SIM.3' };
  const w = {
    tab: 'positions' as const,
    ticket: { gatewayName: 'SIM', vtSymbol: 'au2506.SHFE' },
    subscriptions: [
      { gatewayName: 'SIM', vtSymbol: 'rb2501.SHFE' },
      { gatewayName: 'CTP', vtSymbol: 'rb2501.SHFE' },
      { gatewayName: 'SIM', vtSymbol: 'rb2501.SHFE' },
    ],
    sorts,
    filters,
    selections,
    view: 'chart' as const,
    chart: {
      listing: { gatewayName: 'SIM', vtSymbol: 'au2506.SHFE' },
      interval: Interval.DAILY,
      at: Date.UTC(2026, 10, 20),
    },
  };
  const written = workspaceSettings(w);
  assert.is(written['workspace.chart'], 'SIM.au2506.SHFE d 2026-11-20T00:00:00.000Z');
  assert.is(written['workspace.subscriptions'], 'SIM.rb2501.SHFE,CTP.rb2501.SHFE', 'each listing once');
  const back = readWorkspace({ ...defaults(), ...written });
  assert.equal(back, { ...w, subscriptions: w.subscriptions.slice(0, 2) });
  const bad = readWorkspace({
    ...defaults(),
    'workspace.tab': 'nope',
    'workspace.ticket': 'garbage',
    'workspace.subscriptions': 'x, SIM.m2505.DCE ,,',
    'workspace.view': 'chart',
  });
  assert.is(bad.view, 'tables', 'a chart view without a chart to show is the tables');
  assert.is(bad.chart, undefined);
  assert.is(bad.tab, 'ticks');
  assert.is(bad.ticket, undefined);
  assert.equal(bad.subscriptions, [{ gatewayName: 'SIM', vtSymbol: 'm2505.DCE' }]);
  assert.is(none.sorts.trades, '');
  assert.is(none.filters.ticks, '');
  assert.is(none.view, 'tables');
});

test('a chart place: listing, interval, and live or a time; anything else is no chart', () => {
  assert.equal(parseChartPlace('SIM.rb2501.SHFE 1m live'), {
    listing: { gatewayName: 'SIM', vtSymbol: 'rb2501.SHFE' },
    interval: Interval.MINUTE,
    at: 'live',
  });
  assert.is(parseChartPlace('RPC/SIM.rb2501.SHFE w 2026-11-16T00:00:00.000Z')?.at, Date.UTC(2026, 10, 16));
  for (const bad of [
    '',
    'SIM.rb2501.SHFE',
    'SIM.rb2501.SHFE 5m live',
    'SIM.rb2501.SHFE 1m soon',
    'rb 1m live',
    'SIM.rb2501.SHFE 1m live x',
  ])
    assert.is(parseChartPlace(bad), undefined, bad);
});

test('pending listings are handed out when ready, in order; the others wait', () => {
  const p = new PendingListings([
    { gatewayName: 'SIM', vtSymbol: 'a.X' },
    { gatewayName: 'CTP', vtSymbol: 'b.X' },
    { gatewayName: 'SIM', vtSymbol: 'c.X' },
  ]);
  assert.equal(
    p.take((l) => l.gatewayName === 'SIM').map((l) => l.vtSymbol),
    ['a.X', 'c.X'],
  );
  assert.equal(
    p.take((l) => l.gatewayName === 'SIM'),
    [],
  );
  assert.equal(p.all(), [{ gatewayName: 'CTP', vtSymbol: 'b.X' }]);
});

test.run();
