// The console's side of a native host: a child process (Node + koffi + the vendor library) that runs one
// hosted module. A worker thread cannot be interrupted inside native code, a process can: every call made to
// the host has a time limit, and a call that does not return within it gets the host killed by its pid, the
// pending calls rejected and the log told which vendor call hung. close() always ends within
// releaseTimeoutMs + exitGraceMs and reports how the host ended (a clean exit, a crash at exit, a kill).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromHost, FunctionCall, HostLogLevel, OpMap, ToHost } from './protocol.js';

export class HostError extends Error {
  override name = 'HostError';
}

/** How a host process ended. */
export interface HostExit {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the console killed the host; says why. */
  killedBecause: string | null;
  /** A sentence for the log: what happened to the host and the vendor library in it. */
  description: string;
  /** The last lines the library printed (stdout/stderr of the host). */
  output: string[];
}

export interface NativeHostOptions<E> {
  /** Names the SDK in messages ("CTP"). */
  name: string;
  /** The hosted module (compiled JS) that the host imports; it exports `start` (see context.ts). */
  module: URL;
  onEvents(events: E[]): void;
  onLog(level: HostLogLevel, message: string): void;
  /** Called once when the host process has ended, for whatever reason (after close() too). */
  onExit?(exit: HostExit): void;
  /** Environment of the host process (default: the console's). */
  env?: NodeJS.ProcessEnv;
}

export interface CloseOptions<Ops extends OpMap> {
  /** The hosted module's release operation, run first (bounded); null to skip it. */
  release: { op: keyof Ops & string; arg: Ops[keyof Ops & string]['arg'] } | null;
  releaseTimeoutMs: number;
  /** How long the host may take to exit after its release before it is killed. */
  exitGraceMs?: number;
}

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const OUTPUT_LINES = 40;
const CRASH_SIGNALS = new Set(['SIGSEGV', 'SIGBUS', 'SIGABRT', 'SIGILL', 'SIGFPE']);

// Hosts still running when the console exits (by any path that runs 'exit' handlers) go with it.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
  /** The vendor call this request is in, as the host last said (its op name until then). */
  step: string;
}

export class NativeHost<Ops extends OpMap, E> {
  private readonly child: ChildProcess;
  readonly pid: number;
  private nextId = 1;
  /** In the order sent: the host runs requests one at a time, so the first is the one it is in. */
  private readonly pending = new Map<number, Pending>();
  private killedBecause: string | null = null;
  private exitInfo: HostExit | undefined;
  private readonly closed: Promise<HostExit>;
  private readonly output: string[] = [];

  private constructor(private readonly opts: NativeHostOptions<E>) {
    this.child = fork(CHILD, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: opts.env ?? process.env,
    });
    if (this.child.pid === undefined) throw new HostError(`cannot start the ${opts.name} host process`);
    this.pid = this.child.pid;
    live.add(this.child);
    this.child.on('message', (m: FromHost) => this.receive(m));
    this.lines(this.child.stdout!, 'info');
    this.lines(this.child.stderr!, 'warning');
    let code: number | null = null;
    let signal: NodeJS.Signals | null = null;
    this.child.on('exit', (c, s) => {
      code = c;
      signal = s;
    });
    this.closed = new Promise((resolve) => {
      // 'close': the process has ended and its stdio is drained, so every handle of it is released.
      this.child.on('close', () => {
        live.delete(this.child);
        const exit = this.describe(code, signal);
        this.exitInfo = exit;
        this.failAll(new HostError(exit.description));
        resolve(exit);
        this.opts.onExit?.(exit);
      });
      this.child.on('error', (e) => this.opts.onLog('error', `${opts.name} host process: ${e.message}`));
    });
  }

  /** Starts a host process running `module` with `options`; rejects (with the host gone) on failure. */
  static async start<Ops extends OpMap, E, O>(
    opts: NativeHostOptions<E>,
    options: O,
    timeoutMs: number,
  ): Promise<NativeHost<Ops, E>> {
    const host = new NativeHost<Ops, E>(opts);
    try {
      // Starting is spawning Node and loading the library, which takes seconds on a loaded machine: the
      // (often short) vendor-call limit passed in must not cut it off, so it gets a floor of its own.
      await host.request(
        { t: 'start', id: 0, module: opts.module.href, options },
        'starting the host',
        Math.max(timeoutMs, HOST_START_FLOOR_MS),
      );
    } catch (e) {
      await host.kill(`the ${opts.name} host did not start: ${(e as Error).message}`);
      throw e;
    }
    return host;
  }

  get running(): boolean {
    return this.exitInfo === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the host process has ended (and its handles are released). */
  get ended(): Promise<HostExit> {
    return this.closed;
  }

  /** Calls an operation of the hosted module; the host is killed if it does not answer within timeoutMs. */
  call<K extends keyof Ops & string>(
    op: K,
    arg: Ops[K]['arg'],
    timeoutMs: number,
  ): Promise<Ops[K]['result']> {
    return this.request({ t: 'call', id: 0, op, arg }, op, timeoutMs) as Promise<Ops[K]['result']>;
  }

  /** Calls a plain C function in the host (C SDKs, simulator controls); bounded like call(). */
  callFunction(call: FunctionCall, timeoutMs: number): Promise<unknown> {
    return this.request({ t: 'function', id: 0, call }, call.symbol, timeoutMs);
  }

  private request(msg: Extract<ToHost, { id: number }>, what: string, timeoutMs: number): Promise<unknown> {
    if (!this.running)
      return Promise.reject(
        new HostError(this.exitInfo?.description ?? `the ${this.opts.name} host is not running`),
      );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A request queued behind a hung one times out too: name the call the host is stuck in, not this one.
        const step = this.current()?.step ?? what;
        const why = `the ${this.opts.name} library did not return from ${step} within ${formatMs(timeoutMs)}`;
        this.pending.delete(id);
        reject(new HostError(`${why}; its host process ${this.pid} was killed`));
        void this.kill(why);
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, step: what });
      this.post({ ...msg, id });
    });
  }

  private current(): Pending | undefined {
    return this.pending.values().next().value;
  }

  private post(msg: ToHost): void {
    try {
      if (this.child.connected) this.child.send(msg);
    } catch (e) {
      this.opts.onLog('error', `${this.opts.name} host: cannot send: ${(e as Error).message}`);
    }
  }

  private receive(msg: FromHost): void {
    switch (msg.t) {
      case 'events':
        try {
          this.opts.onEvents(msg.events as E[]);
        } finally {
          this.post({ t: 'ack' });
        }
        break;
      case 'log':
        this.opts.onLog(msg.level, msg.message);
        break;
      case 'step': {
        const current = this.current();
        if (current) current.step = msg.step;
        break;
      }
      case 'reply': {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        clearTimeout(p.timer);
        if (msg.ok) p.resolve(msg.value);
        else p.reject(new HostError(msg.message));
        break;
      }
    }
  }

  private lines(stream: NodeJS.ReadableStream, level: HostLogLevel): void {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) this.printed(line, level);
    });
    stream.on('end', () => rest && this.printed(rest, level));
  }

  private printed(line: string, level: HostLogLevel): void {
    const text = line.trimEnd();
    if (!text) return;
    this.output.push(text);
    if (this.output.length > OUTPUT_LINES) this.output.shift();
    this.opts.onLog(level, `${this.opts.name} library: ${text}`);
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
  }

  private describe(code: number | null, signal: NodeJS.Signals | null): HostExit {
    const who = `the ${this.opts.name} host process ${this.pid}`;
    let description: string;
    if (this.killedBecause) description = `${this.killedBecause}; ${who} was killed`;
    else if (signal && CRASH_SIGNALS.has(signal))
      description = `${who} crashed (${signal}) in the vendor library`;
    else if (signal) description = `${who} was ended by ${signal}`;
    else if (code !== 0) description = `${who} exited with code ${code}`;
    else description = `${who} exited cleanly`;
    return {
      pid: this.pid,
      code,
      signal,
      killedBecause: this.killedBecause,
      description,
      output: [...this.output],
    };
  }

  /** Kills the host (SIGKILL) and resolves once it has ended. */
  kill(reason: string): Promise<HostExit> {
    if (this.running && !this.killedBecause) {
      this.killedBecause = reason;
      this.child.kill('SIGKILL');
    }
    return this.closed;
  }

  /**
   * Releases the vendor session (bounded), then lets the host exit (bounded) — killing it when either limit
   * passes — and resolves with how it ended. Never rejects.
   */
  async close(o: CloseOptions<Ops>): Promise<HostExit & { released: boolean }> {
    let released = false;
    if (o.release && this.running) {
      try {
        await this.call(o.release.op, o.release.arg, o.releaseTimeoutMs);
        released = true;
      } catch (e) {
        if (this.running)
          this.opts.onLog('warning', `${this.opts.name} release failed: ${(e as Error).message}`);
      }
    }
    if (this.running) {
      this.post({ t: 'exit' });
      const grace = o.exitGraceMs ?? 3000;
      const timer = setTimeout(
        () =>
          void this.kill(`the ${this.opts.name} host did not exit within ${formatMs(grace)} of its release`),
        grace,
      );
      await this.closed;
      clearTimeout(timer);
    }
    const exit = await this.closed;
    if (released && exit.signal && CRASH_SIGNALS.has(exit.signal)) {
      const description = `${exit.description} at exit, after a clean release`;
      return { ...exit, description, released };
    }
    return { ...exit, released };
  }
}

/** The least time a host is given to start (see NativeHost.start). */
const HOST_START_FLOOR_MS = 20_000;

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
