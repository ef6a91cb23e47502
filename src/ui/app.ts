// `vnt` (the console): builds the session, puts the console on the terminal, and makes sure the terminal is
// given back in a usable state however the process ends (quit, SIGTERM, SIGHUP, an uncaught error).
import blessed from 'blessed';
import { LogLevel } from '../core/constant.js';
import type { ConsoleOptions as CliOptions } from '../cli/options.js';
import { bootstrap } from '../cli/bootstrap.js';
import { GATEWAYS, loadGatewayClass } from '../cli/gateways.js';
import type { MainEngine } from '../core/engine.js';
import { errorMessage } from '../core/errors.js';
import { redact } from '../core/redact.js';
import type { TraderDir } from '../core/settings.js';
import { COMMAND_NAMES, completeCommand, runCommand } from './commands.js';
import { Console } from './console.js';
import { loadTheme } from './theme.js';

/** The gateway `--demo` connects: the embedded simulated exchange. */
export const DEMO_GATEWAY = 'SIM';

export async function runUi(opts: CliOptions): Promise<void> {
  const { mainEngine, traderDir, settings } = bootstrap({ traderDir: opts.traderDir, logTo: null });
  let theme;
  try {
    theme = loadTheme(opts.theme ?? settings.theme);
  } catch (error) {
    // Before the screen exists a plain message is the clearest thing to give.
    process.stderr.write(`vnt: ${errorMessage(error)}\n`);
    await mainEngine.close();
    process.exitCode = 2;
    return;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      'vnt: the console needs a terminal; for scripts and pipes use `vnt --demo --headless`\n',
    );
    await mainEngine.close();
    process.exitCode = 2;
    return;
  }
  await addGateways(mainEngine);

  const screen = blessed.screen({
    smartCSR: true,
    fullUnicode: true,
    forceUnicode: true,
    title: `vnt [${traderDir.root}]`,
    warnings: false,
    autoPadding: false,
  });
  // Draw box lines as UTF-8 rather than through the alternate character set: every terminal vnt targets is
  // UTF-8 (the CJK names need it anyway), and ACS lines come out as "lqqk" in some multiplexers and logs.
  (screen.program as unknown as { tput: { brokenACS: boolean } }).tput.brokenACS = true;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    try {
      // blessed's own exit turns off only the mouse modes it turned on itself; the console's are turned off here.
      screen.program.disableMouse();
      screen.destroy();
    } catch {
      // The terminal may already be gone (SIGHUP); nothing left to restore then.
    }
  };

  let ui: Console | undefined;
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const onSignal = (signal: NodeJS.Signals): void =>
    finish(signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : 130);
  const onUncaught = (error: unknown): void => {
    restore();
    process.stderr.write(
      `vnt: unexpected error: ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
    );
    process.exit(1);
  };
  const onRejection = (error: unknown): void => {
    // A promise someone forgot to catch is a bug, but not one worth losing the session over.
    mainEngine.writeLog(`unhandled rejection: ${errorMessage(error)}`, 'UI', LogLevel.ERROR);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('SIGINT', onSignal);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onRejection);
  process.on('exit', restore);

  try {
    ui = new Console({
      screen,
      mainEngine,
      traderDir,
      theme,
      runCommand,
      commandNames: COMMAND_NAMES,
      complete: (text) => (ui ? completeCommand(text, ui) : []),
      onQuit: () => finish(0),
    });
    if (opts.demo) connectDemo(ui, mainEngine, traderDir);
    const code = await finished;
    ui.saveWorkspace();
    ui.destroy();
    restore();
    await closeWithin(mainEngine, 3000);
    process.exitCode = code;
  } finally {
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
    process.off('unhandledRejection', onRejection);
  }
  // Gateways should release everything on close; if one leaves a handle behind, quitting still quits.
  setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
}

async function addGateways(mainEngine: MainEngine): Promise<void> {
  for (const name of Object.keys(GATEWAYS)) {
    try {
      mainEngine.addGateway(await loadGatewayClass(name));
    } catch (error) {
      mainEngine.writeLog(`gateway ${name} unavailable: ${errorMessage(error)}`, 'UI', LogLevel.WARNING);
    }
  }
}

function connectDemo(ui: Console, mainEngine: MainEngine, traderDir: TraderDir): void {
  if (!mainEngine.getAllGatewayNames().includes(DEMO_GATEWAY)) {
    ui.notify(`--demo needs the ${DEMO_GATEWAY} gateway, which this build does not have`, true);
    return;
  }
  const gateway = mainEngine.getGateway(DEMO_GATEWAY);
  let setting;
  try {
    setting = traderDir.loadGatewaySetting(DEMO_GATEWAY, gateway.gatewayClass.defaultSetting);
  } catch (error) {
    ui.notify(`ignoring saved ${DEMO_GATEWAY} settings: ${errorMessage(error)}`, true);
    setting = {};
  }
  // The demo is for looking around: subscribe every contract so the tick table fills at once.
  void ui.connect(DEMO_GATEWAY, setting).then(async (ok) => {
    if (!ok) return;
    // connect() resolves once the contracts are pushed; let the bus deliver them to the OMS first.
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    for (const c of mainEngine.getAllContracts()) {
      if (c.gatewayName === DEMO_GATEWAY)
        mainEngine.subscribe({ symbol: c.symbol, exchange: c.exchange }, c.gatewayName);
    }
  });
}

async function closeWithin(mainEngine: MainEngine, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    mainEngine.close().catch(() => undefined),
    new Promise((r) => (timer = setTimeout(r, ms))),
  ]);
  if (timer) clearTimeout(timer);
}
