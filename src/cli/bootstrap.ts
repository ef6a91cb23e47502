// What every entry point (console, headless, serve) does first: find the trader dir, read the global
// settings, and build a MainEngine that logs to the daily file.
import { levelFromName } from '../core/log.js';
import { MainEngine } from '../core/engine.js';
import { EventEngine } from '../core/event.js';
import { setLocale } from '../core/labels.js';
import { resolveTraderDir, TraderDir, type GlobalSettings } from '../core/settings.js';
import { RpcApp } from '../rpc/engine.js';

export interface BootstrapOptions {
  traderDir?: string;
  /**
   * Also write log lines to this stream (headless and serve use stdout); null never writes them to a stream,
   * whatever log.console says (the terminal console owns the screen and shows the log in its panel).
   */
  logTo?: NodeJS.WritableStream | null;
}

export interface Bootstrapped {
  mainEngine: MainEngine;
  traderDir: TraderDir;
  settings: GlobalSettings;
}

export function bootstrap(options: BootstrapOptions = {}): Bootstrapped {
  const traderDir = new TraderDir(resolveTraderDir({ override: options.traderDir }));
  traderDir.ensure();
  const settings = traderDir.loadGlobal();
  setLocale(settings.locale === 'zh' ? 'zh' : 'en');
  const eventEngine = new EventEngine({ timerInterval: settings['event.timerInterval'] });
  const logTo =
    options.logTo === null
      ? undefined
      : (options.logTo ?? (settings['log.console'] ? process.stdout : undefined));
  const mainEngine = new MainEngine({
    eventEngine,
    traderDir,
    log: settings['log.active']
      ? {
          level: levelFromName(settings['log.level']),
          ...(logTo ? { console: logTo } : {}),
          ...(settings['log.file'] ? { folder: traderDir.folder('log') } : {}),
        }
      : false,
  });
  // Every session can share itself: `:rpc start` in the console, or `vnt serve`.
  mainEngine.addApp(RpcApp);
  return { mainEngine, traderDir, settings };
}
