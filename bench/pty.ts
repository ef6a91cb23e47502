// What a console bench reads from the pseudo-terminal: what was written (its recent part kept, positions counted
// over the whole stream), the byte and frame counts, and waits for a text to appear after a given point.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { SimGateway } from '../gateways/sim/index.js';
import { defaultsOf } from '../src/core/setting-schema.js';
import { TraderDir } from '../src/core/settings.js';
import { DEFAULT_INSTRUMENTS_FILE } from '../src/sim/instruments.js';

const BIN = fileURLToPath(new URL('../../bin/vnt.js', import.meta.url));

/** Characters kept when the stream is trimmed: far more than one frame, so a find just after a mark works. */
const KEEP_CHARS = 256 * 1024;
const TRIM_AT = 1 << 20;

export class PtyOutput {
  /** The retained tail of the stream; `dropped` characters before it were let go. */
  private text = '';
  private dropped = 0;
  bytes = 0;
  /** Frames written: blessed brackets each one with save/restore-cursor (ESC 7), counted as they arrive. */
  frames = 0;
  private readonly waiters: { from: number; text: string; resolve: () => void }[] = [];

  constructor(stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.bytes += Buffer.byteLength(chunk);
      this.text += chunk;
      this.frames += count(chunk, '\x1b7');
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i]!;
        if (this.find(w.text, w.from)) {
          this.waiters.splice(i, 1);
          w.resolve();
        }
      }
      // Positions are of the whole stream, so a mark taken before a trim still means the same place after it
      // (a trim that shifted them made the wire bench count painted probes as dropped).
      if (this.text.length > TRIM_AT) {
        const cut = this.text.length - KEEP_CHARS;
        this.text = this.text.slice(cut);
        this.dropped += cut;
      }
    });
  }

  /** Characters written so far: a mark for `find`, `since` and `wait`. */
  get length(): number {
    return this.dropped + this.text.length;
  }

  /** Whether text was written at or after the mark `from`. */
  find(text: string, from: number): boolean {
    return this.text.indexOf(text, Math.max(0, from - this.dropped)) >= 0;
  }

  /** What was written since the mark (what is still kept of it). */
  since(from: number): string {
    return this.text.slice(Math.max(0, from - this.dropped));
  }

  /** The last n characters written. */
  tail(n: number): string {
    return this.text.slice(-n);
  }

  /** Resolves once text appears at or after `from` (by default: anything written from now on). */
  wait(text: string, from = this.length, limitMs = 30_000): Promise<void> {
    if (this.find(text, from)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`no ${JSON.stringify(text)} on screen; last output: ${JSON.stringify(this.tail(600))}`),
          ),
        limitMs,
      );
      this.waiters.push({ from, text, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}

export function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

export type ConsoleProcess = ChildProcessByStdio<Writable, Readable, null>;

/** utime + stime of a process so far, in seconds (/proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The pid of the node process running vnt under the `script` of spawnConsole (not `script`'s own). */
export function vntPid(term: ConsoleProcess): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === term.pid && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('vnt.js'))
        return Number(entry);
    } catch {
      // The process went away while we looked.
    }
  }
  throw new Error('vnt process not found');
}

/**
 * `vnt <args>` in a pseudo-terminal of cols x rows (util-linux `script`), colours on.
 * VNT_BENCH_NODE_ARGS adds node options to the vnt process (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
 */
export function spawnConsole(args: readonly string[], cols: number, rows: number): ConsoleProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
  };
  delete env.NO_COLOR;
  const q = (x: string): string => `'${x.replace(/'/g, `'\\''`)}'`;
  const command = `stty rows ${rows} cols ${cols}; exec ${q(process.execPath)} ${process.env.VNT_BENCH_NODE_ARGS ?? ''} ${q(BIN)} ${args.map(q).join(' ')}`;
  return spawn('script', ['-q', '-f', '-c', command, '/dev/null'], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

/**
 * Sets the SIM gateway of a trader dir to flood: `tickRate` market-data events per second over `contracts`
 * instruments (the bundled ones repeated, symbols suffixed x0, x1, …). Returns their vtSymbols.
 */
export function floodSim(dir: string, contracts: number, tickRate: number): string[] {
  const base = (
    JSON.parse(fs.readFileSync(DEFAULT_INSTRUMENTS_FILE, 'utf8')) as {
      instruments: Record<string, unknown>[];
    }
  ).instruments;
  const instruments = Array.from({ length: contracts }, (_, i): Record<string, unknown> => {
    const spec: Record<string, unknown> = base[i % base.length]!;
    return { ...spec, symbol: `${String(spec['symbol'])}x${i}` };
  });
  const instrumentsFile = path.join(dir, 'instruments.json');
  fs.writeFileSync(instrumentsFile, JSON.stringify({ instruments }));
  new TraderDir(dir).saveGatewaySetting('SIM', SimGateway.defaultSetting, {
    ...defaultsOf(SimGateway.defaultSetting),
    tickRate,
    instruments: instrumentsFile,
  });
  return instruments.map((i) => `${String(i['symbol'])}.${String(i['exchange'])}`);
}
