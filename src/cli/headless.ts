// `vnt --headless`: the session without the terminal UI (owned by the simulator work; see issue 3).
import type { ConsoleOptions } from './main.js';

export async function runHeadless(_opts: ConsoleOptions): Promise<void> {
  process.stderr.write('vnt: headless mode is not built yet\n');
  process.exitCode = 2;
}
