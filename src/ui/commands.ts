// What the command palette can do: the trading language shared with `vnt --headless` (src/cli/commands.ts:
// buy, sell, cancel, sub, help, quit) plus what only makes sense on a screen (connect forms, themes, tabs).
// Each command resolves to the text to show; a bad one rejects with a reason and sends nothing.
import { parseCommand, toOrderRequest, type Command } from '../cli/commands.js';
import { Interval, Offset } from '../core/constant.js';
import { errorMessage, RequestError } from '../core/errors.js';
import { isActive, type ContractData, type OrderData, type OrderRequest } from '../core/object.js';
import { needsOffset } from '../core/validate.js';
import { rpcCommand, RPC_COMMAND_USAGE } from '../rpc/command.js';
import { label } from '../core/labels.js';
import { TABS } from './monitors.js';
import type { Console } from './console.js';
import { loadTheme, themeNames } from './theme.js';
import { describeAlert, parseAlert } from './alerts.js';
import { searchContracts } from './fuzzy.js';

/** Shown as completions above the palette's input. */
export const COMMAND_NAMES = [
  'buy <vtSymbol> <volume> [@ <price>] [open|close|closetoday|closeyesterday] [fak|fok|stop|post] [gateway]',
  'sell <vtSymbol> <volume> [@ <price>] [open|close|closetoday|closeyesterday] [fak|fok|stop|post] [gateway]',
  'cancel <order id as shown> | cancel all [vtSymbol]',
  'amend <order id> <price|-> [volume]',
  'sub <vtSymbol>',
  'flatten <vtSymbol>|all [gateway]',
  'reverse <vtSymbol> [gateway]',
  'info <vtSymbol> [gateway]',
  'whatif [buy|sell <vtSymbol> <volume> [@ <price>] ...] (margin and commission, nothing sent; default: the ticket)',
  'chart [vtSymbol] [gateway] [1m|1h|d|w]',
  'summary',
  'alert <vtSymbol> >=|<= <price> [gateway] | alert list | alert clear',
  'connect [gateway]',
  'disconnect <gateway>',
  'theme <name>',
  'mouse on|off',
  'tab <name>',
  RPC_COMMAND_USAGE,
  'help',
  'quit',
];

const VERBS = COMMAND_NAMES.map((c) => c.split(' ')[0]).join(', ');

export async function runCommand(text: string, ui: Console): Promise<string> {
  const words = text.trim().split(/\s+/);
  const verb = (words[0] ?? '').toLowerCase();
  const arg = words[1];
  switch (verb) {
    case 'connect':
      ui.openConnect(arg ? gatewayName(arg, ui) : undefined);
      return '';
    case 'disconnect': {
      if (!arg) throw new RequestError('disconnect which gateway?');
      const name = gatewayName(arg, ui);
      await ui.mainEngine.getGateway(name).close();
      return `${name} disconnected`;
    }
    case 'theme': {
      if (!arg) throw new RequestError(`theme name? (${themeNames().join(', ')})`);
      const theme = loadTheme(arg);
      ui.applyTheme(theme);
      // Remembered for the next start (vt_setting.json); --theme on the command line still wins then.
      const dir = ui.mainEngine.traderDir;
      if (dir) dir.saveGlobal({ ...dir.loadGlobal(), theme: arg });
      return process.env.NO_COLOR ? 'NO_COLOR is set: staying colourless' : `theme ${arg} (saved)`;
    }
    case 'mouse': {
      const want = arg?.toLowerCase();
      if (want !== 'on' && want !== 'off')
        throw new RequestError(`usage: mouse on|off (it is ${ui.mouseReporting ? 'on' : 'off'})`);
      ui.setMouse(want === 'on');
      // Remembered for the next start, as ui.mouse in vt_setting.json.
      const dir = ui.mainEngine.traderDir;
      if (dir) dir.saveGlobal({ ...dir.loadGlobal(), 'ui.mouse': want === 'on' });
      return want === 'on' ? 'mouse on (saved)' : 'mouse off: the terminal selects text again (saved)';
    }
    case 'rpc':
      return rpcCommand(ui.mainEngine, words.slice(1));
    case 'cancel': {
      if (!arg || arg.toLowerCase() === 'all') break;
      if (words.length > 2)
        throw new RequestError('usage: cancel <order id as shown> | cancel all [vtSymbol]');
      ui.cancelOrder(findOrder(arg, ui));
      return '';
    }
    case 'amend': {
      if (!arg || words.length < 3 || words.length > 4) {
        throw new RequestError(
          'usage: amend <order id> <price|-> [volume], e.g. amend SIM.3 3851 or amend SIM.3 - 2',
        );
      }
      const order = findOrder(arg, ui);
      const price = words[2] === '-' ? undefined : positive(words[2]!, 'price');
      const volume = words[3] === undefined ? undefined : positive(words[3], 'volume');
      ui.amendOrder(order, {
        ...(price !== undefined ? { price } : {}),
        ...(volume !== undefined ? { volume } : {}),
      });
      return '';
    }
    case 'buy':
    case 'sell':
    case 'sub':
      return trade(...withGateway(text, ui));
    case 'alert':
      return priceAlert(words.slice(1), ui);
    case 'summary':
      ui.showSummary();
      return '';
    case 'whatif': {
      if (!arg) return ui.showOrderCost();
      const [cmd, , gateway] = withGateway(text.trim().slice(verb.length), ui);
      if (cmd.kind !== 'order')
        throw new RequestError('usage: whatif [buy|sell <vtSymbol> <volume> [@ <price>]]');
      const { req, contract } = orderRequest(cmd, ui, gateway);
      return ui.showOrderCost({ req, gatewayName: contract.gatewayName });
    }
    case 'info': {
      if (!arg || words.length > 3) throw new RequestError('usage: info <vtSymbol> [gateway]');
      ui.showContractInfo(listing(arg, ui, words[2] ? gatewayName(words[2], ui) : undefined));
      return '';
    }
    case 'chart':
      return chart(words.slice(1), ui);
    case 'flatten':
    case 'closeall':
    case 'reverse':
      return flatten(verb, words.slice(1), ui);
    case 'tab': {
      const t = arg && TABS.find((x) => x.name.startsWith(arg.toLowerCase()));
      if (!t) throw new RequestError(`tab name? (${TABS.map((x) => x.name).join(', ')})`);
      ui.showTab(t.name);
      return '';
    }
    default:
      break;
  }
  return trade(parse(text, words), ui, undefined);
}

function parse(text: string, words: string[]): Command {
  const parsed = parseCommand(text);
  if (!parsed) throw new RequestError('nothing to do');
  if (!parsed.ok) {
    throw new RequestError(
      parsed.error.startsWith('unknown command')
        ? `unknown command "${words[0]}" (commands: ${VERBS})`
        : parsed.error,
    );
  }
  return parsed.command;
}

/** A trading command with an optional gateway name as one of its words ("buy rb2501.SHFE 1 @ 3850 CTP2"). */
function withGateway(text: string, ui: Console): [Command, Console, string | undefined] {
  const names = ui.mainEngine.getAllGatewayNames();
  const words = text.trim().split(/\s+/);
  const rest: string[] = [];
  let gateway: string | undefined;
  for (const [i, w] of words.entries()) {
    const name = i > 1 ? names.find((n) => n.toLowerCase() === w.toLowerCase()) : undefined;
    if (name && !gateway) gateway = name;
    else rest.push(w);
  }
  return [parse(rest.join(' '), rest), ui, gateway];
}

/** The listing a command means: the named gateway's, or the only one; several without a name is an error. */
/** chart [vtSymbol] [gateway] [interval]: the candle chart, of the selected row or loaded contract if none. */
function chart(args: string[], ui: Console): string {
  const intervals = Object.values(Interval) as string[];
  const last = args[args.length - 1];
  const interval = last && intervals.includes(last) ? (args.pop() as Interval) : undefined;
  if (args.length > 2) throw new RequestError(`usage: chart [vtSymbol] [gateway] [${intervals.join('|')}]`);
  const contract = args[0] ? listing(args[0], ui, args[1] ? gatewayName(args[1], ui) : undefined) : undefined;
  ui.openChart(contract, interval);
  return '';
}

function listing(vtSymbol: string, ui: Console, gatewayName: string | undefined): ContractData {
  const me = ui.mainEngine;
  if (gatewayName) {
    const c = me.getContract(vtSymbol, gatewayName);
    if (!c) throw new RequestError(`${gatewayName} lists no ${vtSymbol}`);
    return c;
  }
  const all = me.getListings(vtSymbol);
  if (all.length === 0) throw new RequestError(`unknown symbol ${vtSymbol}`);
  if (all.length > 1) {
    const names = all.map((c) => c.gatewayName);
    throw new RequestError(
      `${vtSymbol} is listed by ${names.join(' and ')}: add the gateway, e.g. "… ${names[0]}"`,
    );
  }
  return all[0]!;
}

/**
 * An order as the tables show its id: the whole vtOrderid (SIM.3), the venue's id alone when only one gateway
 * has it (3), or a shown id cut with '…' when its beginning names one order.
 */
export function findOrder(text: string, ui: Console): OrderData {
  const me = ui.mainEngine;
  const exact = me.getOrder(text);
  if (exact) return exact;
  const all = me.getAllOrders();
  const prefix = text.endsWith('…') ? text.slice(0, -1) : undefined;
  const found = all.filter((o) =>
    prefix ? o.vtOrderid.startsWith(prefix) || o.orderid.startsWith(prefix) : o.orderid === text,
  );
  const active = found.filter(isActive);
  const pick = found.length === 1 ? found : active.length === 1 ? active : found;
  if (pick.length === 1) return pick[0]!;
  if (pick.length === 0) throw new RequestError(`no order ${text}`);
  throw new RequestError(
    `"${text}" names ${pick.length} orders: ${pick
      .slice(0, 4)
      .map((o) => o.vtOrderid)
      .join(', ')}`,
  );
}

function positive(text: string, what: string): number {
  const n = Number(text);
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text) || !(n > 0))
    throw new RequestError(`${what} must be a positive number, got "${text}"`);
  return n;
}

/** A typed order's request for its listing; an offset only where the contract's gateway needs one. */
function orderRequest(
  cmd: Extract<Command, { kind: 'order' }>,
  ui: Console,
  gatewayName: string | undefined,
): { req: OrderRequest; contract: ContractData } {
  const contract = listing(cmd.vtSymbol, ui, gatewayName);
  const req = toOrderRequest(cmd, contract, 'ManualTrading');
  // The same rule as the ticket's Offset row.
  if (cmd.offset === undefined) {
    const caps = ui.mainEngine.getCapabilities(contract.gatewayName, contract.vtSymbol);
    req.offset = needsOffset(caps, contract) ? Offset.OPEN : Offset.NONE;
  }
  return { req, contract };
}

function trade(cmd: Command, ui: Console, gatewayName: string | undefined): string {
  const me = ui.mainEngine;
  switch (cmd.kind) {
    case 'order': {
      const { req, contract } = orderRequest(cmd, ui, gatewayName);
      const at = cmd.price ? ` @ ${cmd.price}` : ' at market';
      const send = (): string => {
        const vt = ui.placeOrder(req, contract.gatewayName, 'palette');
        return `sent ${label('Direction', cmd.direction)} ${cmd.volume} ${cmd.vtSymbol}${at}: ${vt}`;
      };
      // A typed command is deliberate and goes at once, unless it is past a fat-finger limit.
      const warnings = ui.orderWarnings(req, contract.gatewayName);
      if (warnings.length === 0) return send();
      ui.confirmOrder(req, contract.gatewayName, warnings, () => {
        try {
          ui.notify(send());
        } catch (error) {
          ui.notify(errorMessage(error), true);
        }
      });
      return '';
    }
    case 'cancel': {
      ui.cancelOrder(findOrder(cmd.vtOrderid, ui));
      return '';
    }
    case 'cancelAll':
      ui.confirmCancelAll(cmd.vtSymbol);
      return '';
    case 'subscribe': {
      const contract = listing(cmd.vtSymbol, ui, gatewayName);
      me.subscribe({ symbol: contract.symbol, exchange: contract.exchange }, contract.gatewayName);
      return `subscribed ${cmd.vtSymbol} on ${contract.gatewayName}`;
    }
    case 'help':
      ui.showHelp();
      return '';
    case 'quit':
      ui.requestQuit();
      return '';
  }
}

/**
 * flatten <vtSymbol>|all [gateway], closeall [gateway], reverse <vtSymbol> [gateway]: which positions, then one
 * confirmation for all their orders.
 */
function flatten(verb: string, args: string[], ui: Console): string {
  const mode = verb === 'reverse' ? 'reverse' : 'flatten';
  const usage = mode === 'reverse' ? 'reverse <vtSymbol> [gateway]' : 'flatten <vtSymbol>|all [gateway]';
  const [target, gw, extra] = verb === 'closeall' ? ['all', ...args] : args;
  if (!target || extra !== undefined) throw new RequestError(`usage: ${usage}`);
  const all = target.toLowerCase() === 'all';
  if (all && mode === 'reverse')
    throw new RequestError('reverse takes one symbol: reverse <vtSymbol> [gateway]');
  const gateway = gw === undefined ? undefined : gatewayName(gw, ui);
  const positions = ui.mainEngine
    .getAllPositions()
    .filter((p) => p.volume !== 0)
    .filter((p) => all || p.vtSymbol.toLowerCase() === target.toLowerCase())
    .filter((p) => gateway === undefined || p.gatewayName === gateway);
  const what = `${all ? 'every position' : target}${gateway ? ` on ${gateway}` : ''}`;
  if (positions.length === 0) throw new RequestError(`${mode}: no open position (${what})`);
  ui.flattenPositions(positions, mode, what);
  return '';
}

/** alert <vtSymbol> >=|<= <price> [gateway], alert list, alert clear. */
function priceAlert(args: string[], ui: Console): string {
  const alerts = ui.priceAlerts;
  if (args.length === 1 && args[0]!.toLowerCase() === 'list') {
    const all = alerts.list();
    return all.length ? `alerts: ${all.map(describeAlert).join(', ')}` : 'no price alerts set';
  }
  if (args.length === 1 && args[0]!.toLowerCase() === 'clear')
    return `cleared ${alerts.clear()} price alert(s)`;
  const parsed = parseAlert(args);
  if ('error' in parsed) throw new RequestError(parsed.error);
  const gateway = parsed.gateway === undefined ? undefined : gatewayName(parsed.gateway, ui);
  const listed = ui.mainEngine.getListings(parsed.vtSymbol);
  const vtSymbol = listed[0]?.vtSymbol;
  if (!vtSymbol) throw new RequestError(`unknown symbol ${parsed.vtSymbol}`);
  if (gateway && !listed.some((c) => c.gatewayName === gateway))
    throw new RequestError(`${gateway} lists no ${vtSymbol}`);
  const a = alerts.add({ vtSymbol, gatewayName: gateway, op: parsed.op, price: parsed.price });
  return `alert set: ${describeAlert(a)}`;
}

function gatewayName(name: string, ui: Console): string {
  const names = ui.mainEngine.getAllGatewayNames();
  const found = names.find((n) => n.toLowerCase() === name.toLowerCase());
  if (!found) throw new RequestError(`no gateway "${name}" (have: ${names.join(', ') || 'none'})`);
  return found;
}

const ORDER_WORDS = ['@', 'open', 'close', 'closetoday', 'closeyesterday', 'fak', 'fok', 'stop', 'post'];

/**
 * Palette Tab completion: the candidates for the last word of `before` that match it, by the command and the
 * word's place. Words complete by prefix; a symbol that no vtSymbol starts with is looked up like the contract
 * search does (name, pinyin, initials), so `buy payh` completes to 000001.SZSE.
 */
export function completeCommand(before: string, ui: Console): string[] {
  const words = before.trimStart().split(/\s+/);
  const word = (words[words.length - 1] ?? '').toLowerCase();
  const prefixed = (list: readonly string[]): string[] =>
    list.filter((c) => c.toLowerCase().startsWith(word));
  const symbols = (): string[] => {
    const contracts = ui.mainEngine.getAllContracts();
    const byPrefix = prefixed([...new Set(contracts.map((c) => c.vtSymbol))].sort());
    if (byPrefix.length || !word) return byPrefix;
    return [...new Set(searchContracts(word, contracts, 20, ui.pinyin).map((c) => c.vtSymbol))];
  };
  const [list, symbolsToo] = argumentWords(words, ui);
  const matched = prefixed(list);
  return symbolsToo ? [...matched, ...symbols()] : matched;
}

/** The fixed words that fit the last word's place, and whether a symbol fits there too. */
function argumentWords(words: readonly string[], ui: Console): [string[], boolean] {
  const verb = (words[0] ?? '').toLowerCase();
  const at = words.length - 1;
  const me = ui.mainEngine;
  const gateways = me.getAllGatewayNames();
  const working = (): string[] => me.getAllActiveOrders().map((o) => o.vtOrderid);
  switch (verb) {
    case 'buy':
    case 'sell':
      return at === 1 ? [[], true] : [at >= 3 ? [...ORDER_WORDS, ...gateways] : [], false];
    case 'sub':
    case 'info':
    case 'chart':
      return at === 1 ? [[], true] : [at === 2 ? gateways : [], false];
    case 'cancel':
      return at === 1 ? [['all', ...working()], false] : [[], at === 2 && words[1] === 'all'];
    case 'amend':
      return [at === 1 ? working() : [], false];
    case 'flatten':
    case 'reverse': {
      const held = [
        ...new Set(
          me
            .getAllPositions()
            .filter((p) => p.volume !== 0)
            .map((p) => p.vtSymbol),
        ),
      ].sort();
      return [at === 1 ? (verb === 'flatten' ? ['all', ...held] : held) : at === 2 ? gateways : [], false];
    }
    case 'closeall':
      return [at === 1 ? gateways : [], false];
    case 'alert':
      return at === 1
        ? [['list', 'clear'], true]
        : [at === 2 ? ['>=', '<='] : at === 4 ? gateways : [], false];
    case 'connect':
    case 'disconnect':
      return [at === 1 ? gateways : [], false];
    case 'theme':
      return [at === 1 ? themeNames() : [], false];
    case 'tab':
      return [at === 1 ? TABS.map((t) => t.name) : [], false];
    case 'rpc':
      return [at === 1 ? ['start', 'stop', 'status'] : [], false];
    default:
      return [[], false];
  }
}
