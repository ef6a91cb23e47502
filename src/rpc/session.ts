// One connected client on the server: what it wants to receive and the bounded queue in front of its socket.
// A client that reads slower than events arrive must neither grow the server's memory without limit nor hold
// up anyone else: its ticks collapse to the latest per symbol, everything else waits in order, and once that
// backlog passes a limit the client is cut off (it re-syncs from snapshots when it reconnects).
import type { WebSocket } from 'ws';
import { CLOSE_TOO_SLOW, type EventFilter, type StreamedEvent } from './protocol.js';

export interface SessionLimits {
  /** Bytes in the socket's send buffer above which messages wait in the session's queue instead. */
  highWaterBytes: number;
  /** Bytes of queued (non-tick) messages at which the client is cut off. */
  maxLagBytes: number;
}

export const DEFAULT_LIMITS: SessionLimits = { highWaterBytes: 1 << 20, maxLagBytes: 16 << 20 };

/** After the close frame is queued, how long the client gets to read it before the socket is destroyed. */
const CLOSE_GRACE_MS = 5000;

export class Session {
  lastSeen = Date.now();
  private types: ReadonlySet<string> | null = null;
  private symbols: ReadonlySet<string> | null = null;
  private queue: string[] = [];
  /** Index of the next message to send; the array is compacted when it empties (shift() is O(n)). */
  private head = 0;
  private queuedBytes = 0;
  private readonly ticks = new Map<string, string>();
  private lagging = false;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly id: number,
    readonly peer: string,
    private readonly limits: SessionLimits,
    private readonly onCutOff: (session: Session, reason: string) => void,
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Bytes waiting in this session's queue (not counting the socket's own buffer). */
  get backlogBytes(): number {
    return this.queuedBytes;
  }

  setFilter(filter: EventFilter): void {
    this.types = filter.types ? new Set(filter.types) : null;
    this.symbols = filter.vtSymbols ? new Set(filter.vtSymbols) : null;
  }

  wants(type: StreamedEvent, vtSymbol: string | undefined): boolean {
    if (this.types && !this.types.has(type)) return false;
    if (this.symbols && vtSymbol !== undefined && !this.symbols.has(vtSymbol)) return false;
    return true;
  }

  /** Sends a message that must arrive, in order. */
  send(text: string): void {
    if (this.closed) return;
    if (!this.lagging) {
      this.write(text);
      return;
    }
    this.queue.push(text);
    this.queuedBytes += text.length;
    if (this.queuedBytes > this.limits.maxLagBytes) {
      this.cutOff(`too slow: more than ${this.limits.maxLagBytes} bytes of events waiting`);
    }
  }

  /** Sends a tick; while the client lags, only the latest tick of each symbol is kept. */
  sendTick(vtSymbol: string, text: string): void {
    if (this.closed) return;
    if (!this.lagging) this.write(text);
    else this.ticks.set(vtSymbol, text);
  }

  /** Closes with a code and reason, dropping whatever is queued. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    this.ticks.clear();
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

  private write(text: string): void {
    const { highWaterBytes } = this.limits;
    if (this.ws.bufferedAmount + text.length < highWaterBytes) {
      this.ws.send(text);
      return;
    }
    // This write fills the socket buffer: queue what follows, and resume once this one is flushed.
    this.lagging = true;
    this.ws.send(text, this.onFlushed);
  }

  private readonly onFlushed = (error?: Error): void => {
    if (error || this.closed) return;
    const { highWaterBytes } = this.limits;
    while (this.head < this.queue.length || this.ticks.size > 0) {
      let text: string;
      if (this.head < this.queue.length) {
        text = this.queue[this.head]!;
        this.queue[this.head++] = '';
        this.queuedBytes -= text.length;
        if (this.head === this.queue.length) {
          this.queue = [];
          this.head = 0;
        }
      } else {
        const [symbol, tick] = this.ticks.entries().next().value!;
        this.ticks.delete(symbol);
        text = tick;
      }
      if (this.ws.bufferedAmount + text.length >= highWaterBytes) {
        this.ws.send(text, this.onFlushed);
        return;
      }
      this.ws.send(text);
    }
    this.lagging = false;
  };
}
