// The options of `vnt` itself (the console), read by the CLI and passed to the console, headless mode and
// the terminal UI; a module of its own so that none of them imports another for a type.
export interface ConsoleOptions {
  demo?: boolean;
  headless?: boolean;
  theme?: string;
  traderDir?: string;
}
