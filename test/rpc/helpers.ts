// Running RPC servers as child processes in tests: start, read the URL they print, drive the fake venue over
// stdin, wait for log lines, and stop them by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKEN_FILE } from '../../src/rpc/token.js';
import { until } from '../helpers/wait.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURE_SERVER = path.join(here, 'fixture-server.js');
export const VNT_BIN = path.resolve(here, '../../../bin/vnt.js');

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  command(line: string): Promise<void>;
  waitFor(pattern: RegExp, what: string): Promise<RegExpMatchArray>;
  /** Kills by pid and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `vnt-${prefix}-`));
}

export function readToken(traderDir: string): string {
  return fs.readFileSync(path.join(traderDir, TOKEN_FILE), 'utf8').trim();
}

/**
 * Spawns node with args and waits for the line that says it is listening: by default "listening on <ws url>";
 * `ready` names another line, its first group being the address.
 */
export async function startProcess(
  args: string[],
  ready: RegExp = /listening on (wss?:\/\/[^\s]+)/,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let exited = false;
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((r) =>
    child.on('exit', (code) => {
      exited = true;
      // Our end of its stdin stays open (a handle keeping this process alive) until destroyed.
      child.stdin!.destroy();
      r(code);
    }),
  );
  const waitFor = async (pattern: RegExp, what: string) => {
    await until(() => pattern.test(out) || exited, what);
    const m = pattern.exec(out);
    if (!m) throw new Error(`process exited before ${what}:\n${out}`);
    return m;
  };
  const m = await waitFor(ready, 'the server to listen');
  const url = m[1]!;
  let commands = 0;
  return {
    child,
    pid: child.pid!,
    url,
    port: Number(/:(\d+)(?=\/|$)/.exec(url)?.[1]),
    output: () => out,
    async command(line) {
      const n = ++commands;
      child.stdin!.write(`${line}\n`);
      await until(() => out.split(/\ndone /).length > n, `the server to run "${line}"`);
    },
    waitFor,
    async kill(signal = 'SIGKILL') {
      if (!exited) process.kill(child.pid!, signal);
      return exit;
    },
  };
}

export function startFixture(
  traderDir: string,
  opts: { venue?: 'rpc' | 'sim' | 'sim2'; port?: number; preload?: number; maxLagBytes?: number } = {},
): Promise<ServerProcess> {
  const venue = opts.venue ?? 'rpc';
  const args = [FIXTURE_SERVER, venue, traderDir, String(opts.port ?? 0), String(opts.preload ?? 0)];
  if (opts.maxLagBytes) args.push(String(opts.maxLagBytes));
  return startProcess(args);
}
