// One connected client on the server: what it wants to receive and the bounded queue in front of its socket.
// A client that reads slower than events arrive must neither grow the server's memory without limit nor hold
// up anyone else: its ticks collapse to the latest per symbol, everything else waits in order, and once that
// backlog passes a limit the client is cut off (it re-syncs from snapshots when it reconnects).
import type { WebSocket } from 'ws';
import { CLOSE_TOO_SLOW, type EventFilter } from './protocol.js';

/**
 * Sizes are UTF-8 bytes, what the socket carries: a contract name or log line in Chinese takes three bytes a
 * character, so counting string length would let three times the allowance through.
 */
export interface SessionLimits {
  /** Bytes in the socket's send buffer above which messages wait in the session's queue instead. */
  highWaterBytes: number;
  /** Bytes of queued (non-tick) messages at which the client is cut off. */
  maxLagBytes: number;
}

export const DEFAULT_LIMITS: SessionLimits = { highWaterBytes: 1 << 20, maxLagBytes: 16 << 20 };

/** A batch frame is closed once it reaches this size (it may pass it by its last message). */
export const MAX_FRAME_BYTES = 256 * 1024;

/** After the close frame is queued, how long the client gets to read it before the socket is destroyed. */
const CLOSE_GRACE_MS = 5000;

export class Session {
  lastSeen = Date.now();
  /** Ticks replaced by a later tick of their symbol before they could be sent (the client lagged). */
  coalescedTicks = 0;
  private types: ReadonlySet<string> | null = null;
  private symbols: ReadonlySet<string> | null = null;
  private queue: string[] = [];
  /** Byte size of each queued message, by the same index. */
  private queueSizes: number[] = [];
  /** Index of the next message to send; the arrays are compacted when they empty (shift() is O(n)). */
  private head = 0;
  private queuedBytes = 0;
  private readonly ticks = new Map<string, { text: string; bytes: number }>();
  /** Messages staged this turn, written as one frame at its end. */
  private outbox: string[] = [];
  private outboxBytes = 0;
  private flushScheduled = false;
  private lagging = false;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly id: number,
    readonly peer: string,
    private readonly limits: SessionLimits,
    private readonly onCutOff: (session: Session, reason: string) => void,
  ) {}

  setFilter(filter: EventFilter): void {
    this.types = filter.types ? new Set(filter.types) : null;
    this.symbols = filter.vtSymbols ? new Set(filter.vtSymbols) : null;
  }

  wants(type: string, vtSymbol: string | undefined): boolean {
    if (this.types && !this.types.has(type)) return false;
    if (this.symbols && vtSymbol !== undefined && !this.symbols.has(vtSymbol)) return false;
    return true;
  }

  /** Sends a message that must arrive, in order; bytes is its UTF-8 size when the caller knows it. */
  send(text: string, bytes = Buffer.byteLength(text)): void {
    if (this.closed) return;
    if (!this.lagging) {
      this.stage(text, bytes);
      return;
    }
    this.queue.push(text);
    this.queueSizes.push(bytes);
    this.queuedBytes += bytes;
    if (this.queuedBytes > this.limits.maxLagBytes) {
      this.cutOff(`too slow: more than ${this.limits.maxLagBytes} bytes of events waiting`);
    }
  }

  /** Sends a tick; while the client lags, only the latest tick of each symbol is kept. */
  sendTick(vtSymbol: string, text: string, bytes = Buffer.byteLength(text)): void {
    if (this.closed) return;
    if (!this.lagging) this.stage(text, bytes);
    else {
      if (this.ticks.has(vtSymbol)) this.coalescedTicks++;
      this.ticks.set(vtSymbol, { text, bytes });
    }
  }

  /** Closes with a code and reason, dropping whatever is queued. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.queueSizes = [];
    this.head = 0;
    this.queuedBytes = 0;
    this.ticks.clear();
    this.outbox = [];
    this.outboxBytes = 0;
    try {
      this.ws.close(code, reason);
    } catch {
      // The socket is already gone; nothing to tell the peer.
    }
    // A peer that does not read cannot receive the close frame either; do not hold its buffers for long.
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  private cutOff(reason: string): void {
    this.close(CLOSE_TOO_SLOW, reason);
    this.onCutOff(this, reason);
  }

  /**
   * Everything sent in one turn of the event loop (a dispatch batch, the replies to one read) leaves as one
   * frame: a frame and a syscall per event would cap the event rate well below what the socket carries.
   */
  private stage(text: string, bytes: number): void {
    this.outbox.push(text);
    this.outboxBytes += bytes;
    if (this.outboxBytes >= MAX_FRAME_BYTES) this.flushOutbox();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(this.onMicrotask);
    }
  }

  private readonly onMicrotask = (): void => {
    this.flushScheduled = false;
    this.flushOutbox();
  };

  private flushOutbox(): void {
    if (this.closed || this.outbox.length === 0) return;
    const frame = toFrame(this.outbox);
    this.outbox = [];
    this.outboxBytes = 0;
    this.write(frame);
  }

  /** Writes a frame; a socket buffer left above the high-water mark puts the session in lagging mode. */
  private write(frame: string): void {
    this.ws.send(frame, this.onWritten);
    if (this.ws.bufferedAmount >= this.limits.highWaterBytes) this.lagging = true;
  }

  /** Takes up to one frame's worth of the backlog: queued messages first, then the latest ticks. */
  private takeBacklog(): string[] {
    const batch: string[] = [];
    let bytes = 0;
    while (bytes < MAX_FRAME_BYTES && this.head < this.queue.length) {
      const text = this.queue[this.head]!;
      const size = this.queueSizes[this.head]!;
      this.queue[this.head++] = '';
      this.queuedBytes -= size;
      bytes += size;
      batch.push(text);
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.queueSizes = [];
      this.head = 0;
    }
    for (const [symbol, tick] of this.ticks) {
      if (bytes >= MAX_FRAME_BYTES) break;
      this.ticks.delete(symbol);
      bytes += tick.bytes;
      batch.push(tick.text);
    }
    return batch;
  }

  /** Every write reports here once flushed; while lagging, each one moves the backlog on. */
  private readonly onWritten = (error?: Error): void => {
    if (error || this.closed || !this.lagging) return;
    // Still full: the write that filled it has yet to report, and will.
    if (this.ws.bufferedAmount >= this.limits.highWaterBytes) return;
    for (let batch = this.takeBacklog(); batch.length > 0; batch = this.takeBacklog()) {
      this.ws.send(toFrame(batch), this.onWritten);
      if (this.ws.bufferedAmount >= this.limits.highWaterBytes) return;
    }
    this.lagging = false;
  };
}

/** One message as itself, several as a JSON array of them (docs/rpc.md, "Frames"). */
function toFrame(messages: readonly string[]): string {
  return messages.length === 1 ? messages[0]! : `[${messages.join(',')}]`;
}
