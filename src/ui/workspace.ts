// The saved workspace: the tab and view (tables, ladder or chart), the listings with tick rows, the ticket's
// listing, the last chart (listing, interval, scroll) and each table's sort, filter and selected row, as
// vt_setting.json keeps them (workspace.*, sort/filter/select.<tab>). Read at start, written at exit. A listing comes back
// only once its gateway is connected and has listed the contract again, so restoring waits on those events.
import { Interval } from '../core/constant.js';
import type { GlobalSettings } from '../core/settings.js';
import { CONSOLE_TABS } from '../core/settings.js';
import { makeListingId } from '../core/object.js';
import type { MonitorName } from './monitors.js';

export interface Listing {
  gatewayName: string;
  vtSymbol: string;
}

export interface Workspace {
  tab: MonitorName;
  ticket: Listing | undefined;
  subscriptions: Listing[];
  /** Each table's sortSetting() ("Last desc"); '' for arrival order. */
  sorts: Record<MonitorName, string>;
  /** Each table's filter text ('' for none). */
  filters: Record<MonitorName, string>;
  /** Each table's selected row key ('' for none). */
  selections: Record<MonitorName, string>;
  /** The ladder of the ticket's listing, the chart of `chart`, or the tables. */
  view: 'tables' | 'ladder' | 'chart';
  /** The last chart: its listing, interval and where it was scrolled to. */
  chart: ChartPlace | undefined;
}

export interface ChartPlace {
  listing: Listing;
  interval: Interval;
  /** 'live': following the latest bar; else the open time (ms) of the newest bar in view. */
  at: number | 'live';
}

const INTERVALS = new Set<string>(Object.values(Interval));

/** "SIM.rb2501.SHFE 1m live" or "SIM.rb2501.SHFE d 2026-11-20T00:00:00.000Z"; undefined when unreadable. */
export function parseChartPlace(text: string): ChartPlace | undefined {
  const [listingText = '', interval = '', at = '', ...rest] = text.trim().split(/\s+/);
  const listing = parseListing(listingText);
  if (!listing || !INTERVALS.has(interval) || rest.length) return undefined;
  const time = at === 'live' ? 'live' : Date.parse(at);
  if (time !== 'live' && !Number.isFinite(time)) return undefined;
  return { listing, interval: interval as Interval, at: time };
}

export function chartPlaceText(c: ChartPlace): string {
  const at = c.at === 'live' ? 'live' : new Date(c.at).toISOString();
  return `${listingText(c.listing)} ${c.interval} ${at}`;
}

const perTab = (g: GlobalSettings, prefix: 'sort' | 'filter' | 'select'): Record<MonitorName, string> =>
  Object.fromEntries(CONSOLE_TABS.map((t) => [t, g[`${prefix}.${t}`]])) as Record<MonitorName, string>;

/** "SIM.rb2501.SHFE" → SIM and rb2501.SHFE: a gateway name has no dot, a vtSymbol has one. */
export function parseListing(text: string): Listing | undefined {
  const dot = text.indexOf('.');
  if (dot <= 0 || !text.slice(dot + 1).includes('.')) return undefined;
  return { gatewayName: text.slice(0, dot), vtSymbol: text.slice(dot + 1) };
}

const listingText = (l: Listing): string => makeListingId(l.gatewayName, l.vtSymbol);

/** What the settings say; an unknown tab is the ticks tab and an unreadable listing is left out. */
export function readWorkspace(g: GlobalSettings): Workspace {
  const tab = (CONSOLE_TABS as readonly string[]).includes(g['workspace.tab'])
    ? (g['workspace.tab'] as MonitorName)
    : 'ticks';
  const subscriptions = g['workspace.subscriptions']
    .split(',')
    .map((t) => parseListing(t.trim()))
    .filter((l): l is Listing => l !== undefined);
  const chart = parseChartPlace(g['workspace.chart']);
  return {
    tab,
    ticket: parseListing(g['workspace.ticket']),
    subscriptions,
    sorts: perTab(g, 'sort'),
    filters: perTab(g, 'filter'),
    selections: perTab(g, 'select'),
    view:
      chart && g['workspace.view'] === 'chart'
        ? 'chart'
        : g['workspace.view'] === 'ladder'
          ? 'ladder'
          : 'tables',
    chart,
  };
}

/** The settings that keep a workspace, to merge into vt_setting.json. */
export function workspaceSettings(w: Workspace): Partial<GlobalSettings> {
  const out: Partial<GlobalSettings> = {
    'workspace.tab': w.tab,
    'workspace.ticket': w.ticket ? listingText(w.ticket) : '',
    // One row per listing, in the order first seen.
    'workspace.subscriptions': [...new Set(w.subscriptions.map(listingText))].join(','),
    'workspace.view': w.view,
    'workspace.chart': w.chart ? chartPlaceText(w.chart) : '',
  };
  for (const t of CONSOLE_TABS) {
    out[`sort.${t}`] = w.sorts[t];
    out[`filter.${t}`] = w.filters[t];
    out[`select.${t}`] = w.selections[t];
  }
  return out;
}

/**
 * Listings of the last session waiting to come back: each is handed out once its gateway is live and knows
 * the contract again. Those that never come back (a gateway not connected this time) are kept for the next
 * save, so a session without that gateway does not forget them.
 */
export class PendingListings {
  private readonly waiting: Listing[];

  constructor(listings: readonly Listing[]) {
    this.waiting = [...listings];
  }

  get size(): number {
    return this.waiting.length;
  }

  all(): readonly Listing[] {
    return this.waiting;
  }

  /** Removes and returns the listings that are ready now. */
  take(ready: (l: Listing) => boolean): Listing[] {
    const out: Listing[] = [];
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (ready(this.waiting[i]!)) out.unshift(...this.waiting.splice(i, 1));
    }
    return out;
  }
}
