// `vnt` without a subcommand: the console (or its headless form).
import type { ConsoleOptions } from './main.js';

export async function runConsole(opts: ConsoleOptions): Promise<void> {
  if (!opts.demo) {
    process.stderr.write('vnt: the terminal console is not built yet; try `vnt --demo --headless`\n');
    process.exitCode = 2;
    return;
  }
  process.stderr.write('vnt: the simulated exchange is not built yet\n');
  process.exitCode = 2;
}
