// The test's end of a simulated vendor library's control socket (CTP's ctpsim, XTP's xtpsim). The library runs
// inside the gateway's native host process, so a test cannot call its control function itself: it listens on
// a Unix socket (named to the library by an environment variable such as $CTPSIM_CONTROL, which the host
// inherits) and every library that loads connects to it. Commands
// sent before a library has loaded are kept and replayed to it before its first call, so "set up, then
// connect" works as with one shared counter; `reset` clears what is kept.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

interface Link {
  socket: net.Socket;
  ready: boolean;
  buffer: string;
  waiting: Map<number, { command: string; resolve(): void; reject(e: Error): void }>;
}

let serial = 0;

export class SimControl {
  private readonly links = new Set<Link>();
  private kept: string[] = [];
  private seq = 0;

  private constructor(
    private readonly server: net.Server,
    readonly socketPath: string,
    private readonly envVar: string,
  ) {}

  /**
   * Listens on a fresh socket path; the server does not keep the process alive. `envVar` is the variable the
   * simulated library reads the path from.
   */
  static async listen(envVar = 'CTPSIM_CONTROL'): Promise<SimControl> {
    const stem = envVar.toLowerCase().replace(/_control$/, '');
    const socketPath = path.join(os.tmpdir(), `vnt-${stem}-${process.pid}-${++serial}.sock`);
    fs.rmSync(socketPath, { force: true });
    const server = net.createServer();
    const control = new SimControl(server, socketPath, envVar);
    server.on('connection', (s) => control.accept(s));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    server.unref();
    return control;
  }

  /** The environment a process needs for its simulated libraries to find this socket. */
  get env(): Record<string, string> {
    return { [this.envVar]: this.socketPath };
  }

  private accept(socket: net.Socket): void {
    socket.unref();
    socket.setEncoding('utf8');
    const link: Link = { socket, ready: false, buffer: '', waiting: new Map() };
    this.links.add(link);
    socket.on('data', (chunk: string) => {
      link.buffer += chunk;
      for (let nl = link.buffer.indexOf('\n'); nl >= 0; nl = link.buffer.indexOf('\n')) {
        const line = link.buffer.slice(0, nl);
        link.buffer = link.buffer.slice(nl + 1);
        this.line(link, line);
      }
    });
    const gone = () => {
      this.links.delete(link);
      // The library's process ended: nothing is left to apply the command to.
      for (const w of link.waiting.values()) w.resolve();
      link.waiting.clear();
    };
    socket.on('close', gone);
    socket.on('error', gone);
  }

  private line(link: Link, line: string): void {
    if (line.startsWith('hello')) {
      // Everything kept so far, then "ready": the library applies it before its first call returns.
      link.socket.write(this.kept.map((c) => `B ${c}\n`).join('') + 'R\n');
      link.ready = true;
      return;
    }
    const [seq, rc] = line.split(' ');
    const w = link.waiting.get(Number(seq));
    if (!w) return;
    link.waiting.delete(Number(seq));
    if (rc === '0') w.resolve();
    else w.reject(new Error(`the simulated library refused "${w.command}"`));
  }

  /** Sends a command to every loaded library (and keeps it for libraries that load later). */
  async send(command: string): Promise<void> {
    if (/[\r\n]/.test(command)) throw new Error('a control command is one line');
    if (command.trim() === 'reset') this.kept = [];
    else this.kept.push(command);
    await Promise.all(
      [...this.links]
        .filter((l) => l.ready)
        .map(
          (l) =>
            new Promise<void>((resolve, reject) => {
              const seq = ++this.seq;
              l.waiting.set(seq, { command, resolve, reject });
              l.socket.write(`C ${seq} ${command}\n`);
            }),
        ),
    );
  }

  async close(): Promise<void> {
    for (const l of this.links) l.socket.destroy();
    this.links.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.socketPath, { force: true });
  }
}
