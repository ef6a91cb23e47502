// The main-thread side of a CTP session: starts the worker that hosts the vendor libraries, forwards
// requests to it and hands the SPI events it posts (in batches) to one listener.
import { Worker } from 'node:worker_threads';
import type { ApiKind, FromWorker, OpenRequest, OpenResult, SpiEvent, ToWorker } from './protocol.js';
import type { CtpRecord, StructName } from './structs.js';
import type { MdMethod, TraderMethod } from './versions.js';

type Reply = number | OpenResult | null;
type Outgoing = ToWorker extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

export class CtpSession {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: Reply) => void; reject: (e: Error) => void }>();
  private exited = false;

  constructor(
    private readonly onEvents: (events: SpiEvent[]) => void,
    private readonly onLog: (message: string) => void,
  ) {
    this.worker = new Worker(new URL('./worker.js', import.meta.url));
    this.worker.on('message', (msg: FromWorker) => this.receive(msg));
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.failAll(new Error(`CTP worker exited (code ${code})`));
    });
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

  /** Releases both APIs (joining the vendor threads) and stops the worker. */
  async close(): Promise<void> {
    if (!this.exited) {
      try {
        await this.send({ op: 'close' });
      } finally {
        await this.worker.terminate();
      }
    }
  }
}
