// What `vnt sim <venue>` hands a venue simulator. It lives beside the gateways (not in the CLI) so that a
// simulator's entry point imports nothing from src/cli and the CLI imports simulators only lazily.
export interface SimulatorOptions {
  port: number;
  host: string;
  seed: number;
  tickRate: number;
}

/** A venue simulator's entry point: runs in the foreground until SIGINT/SIGTERM. */
export interface SimulatorModule {
  runSimulator(options: SimulatorOptions): Promise<void>;
}

/** Prints the simulator's banner and keeps the process in the foreground until SIGINT/SIGTERM, then closes it. */
export async function serveUntilSignal(lines: readonly string[], close: () => Promise<void>): Promise<void> {
  process.stdout.write(lines.join('\n') + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
