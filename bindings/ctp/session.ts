// The main-thread side of a CTP session: starts the worker that hosts the vendor libraries, forwards
// requests to it and hands the SPI events it posts (in batches) to one listener.
import { Worker } from 'node:worker_threads';
import type { ApiKind, FromWorker, OpenRequest, OpenResult, SpiEvent, ToWorker } from './protocol.js';
import type { CtpRecord, StructName } from './structs.js';
import type { MdMethod, TraderMethod } from './versions.js';

type Reply = number | OpenResult | null;
type Outgoing = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

// A worker whose session was closed stays alive, unreferenced, for the next session: its koffi instance
// keeps the vendor libraries loaded and every registered callback valid for the life of the process (a
// terminated worker would unload them under any thread the vendor left behind).
const idleWorkers: Worker[] = [];

export class CtpSession {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: Reply) => void; reject: (e: Error) => void }>();
  private exited = false;

  constructor(
    private readonly onEvents: (events: SpiEvent[]) => void,
    private readonly onLog: (message: string) => void,
  ) {
    this.worker = idleWorkers.pop() ?? new Worker(new URL('./worker.js', import.meta.url));
    this.worker.ref();
    this.worker.on('message', this.onMessage);
    this.worker.on('error', this.onError);
    this.worker.on('exit', this.onExit);
  }

  private readonly onMessage = (msg: FromWorker) => this.receive(msg);
  private readonly onError = (e: Error) => this.failAll(e);
  private readonly onExit = (code: number) => {
    this.exited = true;
    this.failAll(new Error(`CTP worker exited (code ${code})`));
  };

  /** Only this session's listeners: Node's own ones on the Worker manage its message port. */
  private detach(): void {
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onError);
    this.worker.off('exit', this.onExit);
  }

  private receive(msg: FromWorker): void {
    if (msg.type === 'events') {
      try {
        this.onEvents(msg.events);
      } finally {
        this.worker.postMessage({ op: 'ack', id: 0 } satisfies ToWorker);
      }
    } else if (msg.type === 'log') this.onLog(msg.message);
    else {
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.ok) w.resolve(msg.value);
      else w.reject(new Error(msg.message));
    }
  }

  private failAll(e: Error): void {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  private send(msg: Outgoing): Promise<Reply> {
    if (this.exited) return Promise.reject(new Error('CTP worker is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id } as ToWorker);
    });
  }

  /** Loads and checks the libraries, creates both APIs and starts them; rejects with the reason. */
  async open(req: OpenRequest): Promise<OpenResult> {
    return (await this.send({ op: 'open', ...req })) as OpenResult;
  }

  /** A Req* call; resolves with its return code (0 = sent). */
  async request(
    api: ApiKind,
    method: TraderMethod | MdMethod,
    struct: StructName,
    fields: CtpRecord,
    requestId: number,
  ): Promise<number> {
    return (await this.send({ op: 'req', api, method, struct, fields, requestId })) as number;
  }

  async subscribe(symbols: string[]): Promise<number> {
    return (await this.send({ op: 'subscribe', symbols })) as number;
  }

  /** Releases both APIs (joining the vendor threads) and parks the worker for reuse. */
  async close(): Promise<void> {
    if (this.exited) return;
    try {
      await this.send({ op: 'close' });
    } catch (e) {
      // A worker that failed to release cannot be trusted with another session.
      this.exited = true;
      this.detach();
      await this.worker.terminate();
      throw e;
    }
    this.exited = true;
    this.detach();
    this.worker.unref();
    idleWorkers.push(this.worker);
  }
}
