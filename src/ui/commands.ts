// What the command palette can do. Each command returns the text to show; a bad command throws an Error
// whose message says what was wrong (the console shows it, nothing is sent).
import { Direction, Offset, OrderType } from '../core/constant.js';
import { RequestError } from '../core/errors.js';
import { label } from '../core/labels.js';
import type { ContractData } from '../core/object.js';
import { TABS } from './monitors.js';
import type { Console } from './console.js';
import { parseNumber } from './ticket.js';
import { loadTheme, themeNames } from './theme.js';

export const COMMAND_NAMES = [
  'buy <symbol> <volume> [@ <price>] [open|close|closetoday|closeyesterday]',
  'sell <symbol> <volume> [@ <price>] [open|close|closetoday|closeyesterday]',
  'cancel <vtOrderid>|all',
  'connect [gateway]',
  'disconnect <gateway>',
  'subscribe <symbol>',
  'theme <name>',
  'tab <name>',
  'help',
  'quit',
];

const OFFSET_WORDS: Record<string, Offset> = {
  open: Offset.OPEN,
  close: Offset.CLOSE,
  closetoday: Offset.CLOSETODAY,
  closeyesterday: Offset.CLOSEYESTERDAY,
  closeyd: Offset.CLOSEYESTERDAY,
};

export async function runCommand(text: string, ui: Console): Promise<string> {
  const words = text.trim().split(/\s+/);
  const verb = (words.shift() ?? '').toLowerCase();
  const me = ui.mainEngine;
  switch (verb) {
    case 'buy':
    case 'sell':
      return order(verb === 'buy' ? Direction.LONG : Direction.SHORT, words, ui);
    case 'cancel': {
      const what = words[0];
      if (!what) throw new RequestError('cancel what? "cancel all" or "cancel <vtOrderid>"');
      if (what.toLowerCase() === 'all') {
        ui.confirmCancelAll();
        return '';
      }
      const o = me.getOrder(what);
      if (!o) throw new RequestError(`no order ${what}`);
      ui.cancelOrder(o);
      return '';
    }
    case 'connect':
      ui.openConnect(words[0] ? gatewayName(words[0], ui) : undefined);
      return '';
    case 'disconnect': {
      const name = gatewayName(words[0] ?? '', ui);
      await me.getGateway(name).close();
      return `${name} disconnected`;
    }
    case 'subscribe':
    case 'sub': {
      const c = contract(words[0] ?? '', ui);
      me.subscribe({ symbol: c.symbol, exchange: c.exchange }, c.gatewayName);
      return `subscribed ${c.vtSymbol}`;
    }
    case 'theme': {
      const name = words[0];
      if (!name) throw new RequestError(`theme name? (${themeNames().join(', ')})`);
      ui.applyTheme(loadTheme(name));
      return process.env.NO_COLOR ? 'NO_COLOR is set: staying colourless' : `theme ${name}`;
    }
    case 'tab': {
      const t = TABS.find((x) => x.name.startsWith((words[0] ?? '').toLowerCase()) && words[0]);
      if (!t) throw new RequestError(`tab name? (${TABS.map((x) => x.name).join(', ')})`);
      ui.showTab(t.name);
      return '';
    }
    case 'help':
      return 'press ? for every key; commands: ' + COMMAND_NAMES.map((c) => c.split(' ')[0]).join(', ');
    case 'quit':
    case 'q':
      ui.requestQuit();
      return '';
    default:
      throw new RequestError(
        `unknown command "${verb}" (try: ${COMMAND_NAMES.map((c) => c.split(' ')[0]).join(', ')})`,
      );
  }
}

function gatewayName(name: string, ui: Console): string {
  const names = ui.mainEngine.getAllGatewayNames();
  const found = names.find((n) => n.toLowerCase() === name.toLowerCase());
  if (!found) throw new RequestError(`no gateway "${name}" (have: ${names.join(', ') || 'none'})`);
  return found;
}

function contract(text: string, ui: Console): ContractData {
  if (!text) throw new RequestError('which symbol? e.g. rb2501.SHFE');
  const me = ui.mainEngine;
  const exact = me.getContract(text);
  if (exact) return exact;
  const matches = me.getAllContracts().filter((c) => c.symbol.toLowerCase() === text.toLowerCase());
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new RequestError(
      `${text} is listed on several exchanges: ${matches.map((c) => c.vtSymbol).join(', ')}`,
    );
  throw new RequestError(`unknown symbol ${text}`);
}

/** buy rb2501.SHFE 2 @ 3850 [close]: a priced limit order, or a market order without "@ price". */
function order(direction: Direction, words: string[], ui: Console): string {
  const me = ui.mainEngine;
  const c = contract(words.shift() ?? '', ui);
  const volume = parseNumber(words.shift() ?? '');
  if (volume === undefined || volume <= 0) throw new RequestError('volume must be a number above zero');
  let price = 0;
  let type = OrderType.MARKET;
  let offset: Offset | undefined;
  while (words.length) {
    const w = words.shift()!;
    if (w === '@' || w.startsWith('@')) {
      const p = parseNumber(w === '@' ? (words.shift() ?? '') : w.slice(1));
      if (p === undefined) throw new RequestError('price after @ must be a number');
      price = p;
      type = OrderType.LIMIT;
    } else if (OFFSET_WORDS[w.toLowerCase()]) {
      offset = OFFSET_WORDS[w.toLowerCase()];
    } else throw new RequestError(`did not understand "${w}"`);
  }
  const caps = me.getGateway(c.gatewayName).gatewayClass.capabilities;
  const needsOffset = caps.offsets && !c.netPosition;
  const vt = me.sendOrder(
    {
      symbol: c.symbol,
      exchange: c.exchange,
      direction,
      type,
      volume,
      price,
      offset: needsOffset ? (offset ?? Offset.OPEN) : Offset.NONE,
      reference: 'ManualTrading',
    },
    c.gatewayName,
  );
  return `sent ${label('Direction', direction)} ${volume} ${c.vtSymbol}${type === OrderType.LIMIT ? ` @ ${price}` : ' at market'}: ${vt}`;
}
