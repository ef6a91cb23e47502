// `vnt` without a subcommand: the terminal console, or with --headless a line-oriented log of the same session.
import type { ConsoleOptions } from './options.js';

export async function runConsole(opts: ConsoleOptions): Promise<void> {
  if (opts.headless) {
    const { runHeadless } = await import('./headless.js');
    await runHeadless(opts);
  } else {
    const { runUi } = await import('../ui/app.js');
    await runUi(opts);
  }
}
