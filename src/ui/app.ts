// The blessed terminal console (issue 4).
import type { ConsoleOptions } from '../cli/main.js';

export async function runUi(_opts: ConsoleOptions): Promise<void> {
  process.stderr.write('vnt: the terminal console is not built yet; try `vnt --demo --headless`\n');
  process.exitCode = 2;
}
