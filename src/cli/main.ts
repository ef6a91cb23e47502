// The `vnt` command. Heavy modules (the terminal UI, gateways, simulators) are imported inside the actions,
// so `vnt --version` and `vnt --help` start in a few milliseconds.
import { Command, Option } from 'commander';
import { errorMessage } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { readVersion } from './version.js';

export interface ConsoleOptions {
  demo?: boolean;
  headless?: boolean;
  theme?: string;
  traderDir?: string;
}

function buildProgram(): Command {
  const program = new Command('vnt')
    .description('Keyboard-driven terminal trading console')
    .version(readVersion(), '-V, --version')
    .option('--demo', 'connect to the embedded simulated exchange')
    .option('--headless', 'no terminal UI: log ticks, orders and trades to stdout')
    .option('--theme <name>', 'colour theme (dark, light, high-contrast, mono)')
    .addOption(
      new Option('--trader-dir <dir>', 'folder for settings and logs (default: ./.vntrader or ~/.vntrader)'),
    )
    .action(async (opts: ConsoleOptions) => {
      const { runConsole } = await import('./console.js');
      await runConsole(opts);
    });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.stderr.write(`vnt: ${redact(errorMessage(error))}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);
