// What the command palette can do: the trading language shared with `vnt --headless` (src/cli/commands.ts:
// buy, sell, cancel, sub, help, quit) plus what only makes sense on a screen (connect forms, themes, tabs).
// Each command resolves to the text to show; a bad one rejects with a reason and sends nothing.
import { parseCommand, toOrderRequest, type Command } from '../cli/commands.js';
import { RequestError } from '../core/errors.js';
import { rpcCommand, RPC_COMMAND_USAGE } from '../rpc/command.js';
import { label } from '../core/labels.js';
import { TABS } from './monitors.js';
import type { Console } from './console.js';
import { loadTheme, themeNames } from './theme.js';

/** Shown as completions above the palette's input. */
export const COMMAND_NAMES = [
  'buy <vtSymbol> <volume> [@ <price>] [open|close|closetoday|closeyesterday] [fak|fok|stop|post]',
  'sell <vtSymbol> <volume> [@ <price>] [open|close|closetoday|closeyesterday] [fak|fok|stop|post]',
  'cancel <vtOrderid> | cancel all [vtSymbol]',
  'sub <vtSymbol>',
  'connect [gateway]',
  'disconnect <gateway>',
  'theme <name>',
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
    case 'rpc':
      return rpcCommand(ui.mainEngine, words.slice(1));
    case 'tab': {
      const t = arg && TABS.find((x) => x.name.startsWith(arg.toLowerCase()));
      if (!t) throw new RequestError(`tab name? (${TABS.map((x) => x.name).join(', ')})`);
      ui.showTab(t.name);
      return '';
    }
    default:
      break;
  }
  const parsed = parseCommand(text);
  if (!parsed) return '';
  if (!parsed.ok) {
    throw new RequestError(
      parsed.error.startsWith('unknown command')
        ? `unknown command "${words[0]}" (commands: ${VERBS})`
        : parsed.error,
    );
  }
  return trade(parsed.command, ui);
}

function trade(cmd: Command, ui: Console): string {
  const me = ui.mainEngine;
  switch (cmd.kind) {
    case 'order': {
      const contract = me.getContract(cmd.vtSymbol);
      if (!contract) throw new RequestError(`unknown symbol ${cmd.vtSymbol}`);
      const req = toOrderRequest(cmd, contract, 'ManualTrading');
      const vt = me.sendOrder(req, contract.gatewayName);
      const at = cmd.price ? ` @ ${cmd.price}` : ' at market';
      return `sent ${label('Direction', cmd.direction)} ${cmd.volume} ${cmd.vtSymbol}${at}: ${vt}`;
    }
    case 'cancel': {
      const order = me.getOrder(cmd.vtOrderid);
      if (!order) throw new RequestError(`no order ${cmd.vtOrderid}`);
      ui.cancelOrder(order);
      return '';
    }
    case 'cancelAll':
      ui.confirmCancelAll(cmd.vtSymbol);
      return '';
    case 'subscribe': {
      const contract = me.getContract(cmd.vtSymbol);
      if (!contract) throw new RequestError(`unknown symbol ${cmd.vtSymbol}`);
      me.subscribe({ symbol: contract.symbol, exchange: contract.exchange }, contract.gatewayName);
      return `subscribed ${cmd.vtSymbol}`;
    }
    case 'help':
      ui.showHelp();
      return '';
    case 'quit':
      ui.requestQuit();
      return '';
  }
}

function gatewayName(name: string, ui: Console): string {
  const names = ui.mainEngine.getAllGatewayNames();
  const found = names.find((n) => n.toLowerCase() === name.toLowerCase());
  if (!found) throw new RequestError(`no gateway "${name}" (have: ${names.join(', ') || 'none'})`);
  return found;
}
