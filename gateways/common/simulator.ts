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
