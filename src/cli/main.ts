// The `vnt` command. Heavy modules (the terminal UI, gateways, simulators) are imported inside the actions,
// so `vnt --version` and `vnt --help` start in a few milliseconds.
import { Command, Option } from 'commander';
import { errorMessage } from '../core/errors.js';
import { redact } from '../core/redact.js';
import type { ConsoleOptions } from './options.js';
import type { ServeCliOptions } from './serve.js';
import { readVersion } from './version.js';

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
  program
    .command('sim <venue>')
    .description('run a venue simulator on loopback (prints its URLs and test credentials)')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--seed <n>', 'random seed of the synthetic market', '1')
    .option('--tick-rate <n>', 'market-data events per second', '20')
    .action(async (venue: string, o: { port: string; host: string; seed: string; tickRate: string }) => {
      const options = {
        port: parseIntOption('--port', o.port),
        host: o.host,
        seed: parseIntOption('--seed', o.seed),
        tickRate: parseIntOption('--tick-rate', o.tickRate),
      };
      const { SIMULATORS } = await import('./sim.js');
      const load = SIMULATORS[venue.toLowerCase()];
      if (!load) {
        throw new Error(
          `no simulator for "${venue}" (available: ${Object.keys(SIMULATORS).join(', ') || 'none'})`,
        );
      }
      const mod = await load();
      await mod.runSimulator(options);
    });
  program
    .command('serve [gateways...]')
    .description(
      'headless: connect gateways (settings from connect_<name>.json) and serve them over RPC; ' +
        'NAME=CLASS adds another of a class under its own name (CTP2=CTP)',
    )
    .option('--demo', 'connect the simulated exchange (SIM)')
    .option('--host <addr>', 'address to listen on (default: rpc.host, 127.0.0.1)')
    .option('--port <n>', 'port to listen on, 0 for a free one (default: rpc.port, 2014)')
    .option('--insecure', 'allow a non-loopback address without TLS (prints a warning)')
    .action(async (gateways: string[], o: ServeCliOptions, cmd: Command) => {
      const { runServe } = await import('./serve.js');
      // --trader-dir and --demo are also the console's options; commander hands them to the parent.
      const parent = (cmd.parent?.opts() ?? {}) as ConsoleOptions;
      await runServe(gateways, {
        ...o,
        ...(parent.traderDir ? { traderDir: parent.traderDir } : {}),
        ...(parent.demo ? { demo: true } : {}),
      });
    });
  return program;
}

function parseIntOption(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return Number(value);
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
