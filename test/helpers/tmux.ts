// Drives the real `vnt` binary in a detached tmux session on a private socket, the way a person at a
// terminal would: keys in (send-keys), screen text out (capture-pane). Waits poll the screen until the
// expected text appears; nothing asserts on how long that took. The server is stopped by its pid.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayWidth } from '../../src/ui/text.js';

const LIMIT_MS = Number(process.env.VNT_TEST_WAIT_MS) || 30_000;
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const VNT = path.join(ROOT, 'bin', 'vnt.js');
/** What the pane prints once vnt has exited (followed by its exit status). */
export const EXITED = '[vnt exited';

export interface TmuxOptions {
  cols: number;
  rows: number;
  /** Arguments after `node bin/vnt.js`. */
  args: string[];
  env?: Record<string, string>;
}

let counter = 0;

export class Tmux {
  private constructor(
    readonly socket: string,
    readonly serverPid: number,
  ) {}

  static start(o: TmuxOptions): Tmux {
    const socket = `vnt-test-${process.pid}-${++counter}`;
    const quoted = [process.execPath, VNT, ...o.args].map(shellQuote).join(' ');
    // After vnt exits the shell reports its status and whether the tty is back in cooked mode with echo, then
    // keeps the pane open so the test can read all of that.
    const script = `${quoted}; echo "${EXITED} $?]"; stty -a | grep -q -- '-icanon' && echo TTY-RAW || echo TTY-COOKED; exec sleep 3600`;
    const env: Record<string, string> = { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...(o.env ?? {}) };
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    tmux(socket, [
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-x',
      String(o.cols),
      '-y',
      String(o.rows),
      ...envArgs,
      'sh',
      '-c',
      script,
    ]);
    const pid = Number(tmux(socket, ['display-message', '-p', '#{pid}']).trim());
    return new Tmux(socket, pid);
  }

  capture(): string {
    return tmux(this.socket, ['capture-pane', '-p']);
  }

  /** The screen with its attributes as SGR escapes (inverse is ESC[7m), for what plain text cannot show. */
  captureEscapes(): string {
    return tmux(this.socket, ['capture-pane', '-p', '-e']);
  }

  /** tmux key names ("Enter", "Escape", "Down", "C-c") or literal text, one argument per key press. */
  keys(...keys: string[]): void {
    for (const k of keys) tmux(this.socket, ['send-keys', k]);
  }

  /** Literal text, sent as typed characters. */
  type(text: string): void {
    tmux(this.socket, ['send-keys', '-l', text]);
  }

  /** A palette command: `:`, the line, Enter. */
  palette(line: string): void {
    this.keys(':');
    this.type(line);
    this.keys('Enter');
  }

  /** Loads a contract through the `/` search and hands the focus back to the tables. */
  async loadContract(vtSymbol: string): Promise<void> {
    this.keys('/');
    this.type(vtSymbol);
    this.keys('Enter');
    await this.waitFor(`loaded ${vtSymbol}`, `${vtSymbol} in the ticket`);
    this.keys('Escape');
    // An Escape followed at once by a letter reads as Alt+letter: wait for the focus to leave the ticket.
    await this.waitFor('Tab ticket', 'focus back on the tables');
  }

  /**
   * A left click at a zero-based cell, as a terminal in SGR mouse mode (1006) reports it: press, then release.
   * tmux hands the report to the pane as input, as it does a real terminal's.
   */
  click(x: number, y: number): void {
    this.type(`\x1b[<0;${x + 1};${y + 1}M`);
    this.type(`\x1b[<0;${x + 1};${y + 1}m`);
  }

  /** One notch of the wheel at a zero-based cell (SGR buttons 64 up, 65 down). */
  wheel(x: number, y: number, direction: 'up' | 'down'): void {
    this.type(`\x1b[<${direction === 'up' ? 64 : 65};${x + 1};${y + 1}M`);
  }

  resize(cols: number, rows: number): void {
    tmux(this.socket, ['resize-window', '-x', String(cols), '-y', String(rows)]);
  }

  /** A pane property such as alternate_on or cursor_flag. */
  flag(name: string): string {
    return tmux(this.socket, ['display-message', '-p', `#{${name}}`]).trim();
  }

  /** Polls the screen until the check passes; returns the screen that passed. */
  async waitFor(check: string | RegExp | ((screen: string) => boolean), what?: string): Promise<string> {
    const test =
      typeof check === 'string'
        ? (s: string) => s.includes(check)
        : check instanceof RegExp
          ? (s: string) => check.test(s)
          : check;
    const started = Date.now();
    let screen = '';
    while (Date.now() - started < LIMIT_MS) {
      screen = this.capture();
      if (test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 40));
    }
    throw new Error(`gave up waiting for ${what ?? String(check)}; the screen was:\n${screen}`);
  }

  stop(): void {
    try {
      process.kill(this.serverPid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

function tmux(socket: string, args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * `vnt --demo` at 80x24 without colour, the way most console tests see it, once the simulator's first tick rows
 * are on screen.
 */
export async function startDemo(dir = tempTraderDir(), args: string[] = []): Promise<Tmux> {
  const t = Tmux.start({
    cols: 80,
    rows: 24,
    args: ['--demo', '--trader-dir', dir, ...args],
    env: { NO_COLOR: '1' },
  });
  await t.waitFor((s) => s.includes('SIM ●') && /rb2501\.SHFE\s+螺纹钢2501\s+\d/.test(s), 'ticks');
  return t;
}

export function tempTraderDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-ui-'));
}

/** The screen lines that contain text. */
export function linesWith(screen: string, text: string): string[] {
  return screen.split('\n').filter((l) => l.includes(text));
}

/**
 * The zero-based cell where `text` first appears on the screen (a line matching `line` when given), counting
 * a wide character as the two cells the terminal gives it.
 */
export function cellOf(screen: string, text: string, line?: RegExp): { x: number; y: number } {
  const lines = screen.split('\n');
  for (let y = 0; y < lines.length; y++) {
    const l = lines[y]!;
    const at = l.indexOf(text);
    if (at >= 0 && (!line || line.test(l))) return { x: displayWidth(l.slice(0, at)), y };
  }
  throw new Error(`"${text}" is not on the screen:\n${screen}`);
}
