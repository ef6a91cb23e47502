// One connection to an RPC server: the token at the handshake, requests matched to replies by id with a
// timeout, pings both ways, and the event stream handed to a callback. Reconnecting is the caller's job
// (gateways/rpc does it with backoff); this class never blocks and never waits forever.
import { WebSocket } from 'ws';
import type {
  AccountData,
  BarData,
  ContractData,
  OrderData,
  PositionData,
  TickData,
  TradeData,
} from '../core/object.js';
import {
  CLOSE_HEARTBEAT,
  MAX_CLIENT_MESSAGE_BYTES,
  MAX_SERVER_MESSAGE_BYTES,
  parseServerFrame,
  type ServerMessage,
  type ErrorBody,
  type ErrorCode,
  type EventMessage,
  type HelloMessage,
  type Method,
} from './protocol.js';
import type { GatewayCapabilities } from '../core/gateway.js';

/** What each method answers with. */
export interface MethodResults {
  subscribe: null;
  sendOrder: string;
  cancelOrder: null;
  queryHistory: BarData[];
  /** Checked by the caller (gateways/rpc/parse.ts orderCostFrom): a server is not trusted with its bytes. */
  queryOrderCost: unknown;
  getTick: TickData | null;
  getOrder: OrderData | null;
  getTrade: TradeData | null;
  getPosition: PositionData | null;
  getAccount: AccountData | null;
  getContract: ContractData | null;
  getAllTicks: TickData[];
  getAllOrders: OrderData[];
  getAllTrades: TradeData[];
  getAllPositions: PositionData[];
  getAllAccounts: AccountData[];
  getAllContracts: ContractData[];
  getAllActiveOrders: OrderData[];
  getAllGatewayNames: string[];
  setFilter: null;
  resolveOrders: Record<string, string>;
  amendOrder: string;
  getCapabilities: Record<string, GatewayCapabilities>;
}

/** The server answered a request with an error. */
export class RemoteError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

/**
 * The request was never sent: its frame is over the server's limit (MAX_CLIENT_MESSAGE_BYTES), which would
 * close the whole connection. Certain not to have run, like an error answer, so it is one.
 */
export class RequestTooLargeError extends RemoteError {
  constructor(method: Method, bytes: number) {
    super(
      'bad_message',
      `${method}: request of ${bytes} bytes exceeds the server's ${MAX_CLIENT_MESSAGE_BYTES}-byte limit; not sent`,
    );
    this.name = 'RequestTooLargeError';
  }
}

/** The request got no answer: the link closed or the timeout passed. Whether it ran on the server is unknown. */
export class RpcLinkError extends Error {
  override name = 'RpcLinkError';
}

export interface RpcClientOptions {
  url: string;
  token: string;
  requestTimeoutMs?: number;
  /** Extra CA certificates (PEM) to trust for wss:// with a self-signed certificate. */
  ca?: string;
}

export interface RpcClientHandlers {
  onEvent(message: EventMessage): void;
  /** Called once when the connection ends for any reason after connect() resolved. */
  onClose(code: number, reason: string): void;
  /** A frame that was not a server message, or a handler that threw on one; the link stays up. */
  onProtocolError?(reason: string): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const CONNECT_TIMEOUT_MS = 10_000;

export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private heartbeat: NodeJS.Timeout | undefined;
  private lastSeen = Date.now();
  private closed = false;

  private constructor(
    private readonly ws: WebSocket,
    readonly hello: HelloMessage,
    private readonly options: RpcClientOptions,
    private readonly handlers: RpcClientHandlers,
  ) {}

  /** Connects and waits for the server's hello; rejects with a readable reason (never the token). */
  static connect(options: RpcClientOptions, handlers: RpcClientHandlers): Promise<RpcClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(options.url, {
        headers: { authorization: `Bearer ${options.token}` },
        maxPayload: MAX_SERVER_MESSAGE_BYTES,
        perMessageDeflate: false,
        handshakeTimeout: CONNECT_TIMEOUT_MS,
        ...(options.ca ? { ca: options.ca } : {}),
      });
      let client: RpcClient | undefined;
      const fail = (reason: string) => {
        if (client) return;
        ws.removeAllListeners();
        ws.on('error', () => {});
        ws.terminate();
        reject(new RpcLinkError(`cannot connect to ${options.url}: ${reason}`));
      };
      ws.once('unexpected-response', (_req, res) => {
        fail(
          res.statusCode === 401
            ? 'the server refused the token (401)'
            : `HTTP ${res.statusCode} instead of a WebSocket upgrade`,
        );
      });
      ws.on('error', (error) => fail(error.message));
      ws.once('close', (code, reason) => fail(`closed (${code} ${reason.toString()})`));
      ws.once('message', (data) => {
        let hello: ServerMessage | undefined;
        try {
          hello = parseServerFrame(data.toString())[0];
        } catch {
          return fail('the first message was not JSON');
        }
        if (hello?.type !== 'hello') return fail(`expected hello, got "${hello?.type}"`);
        ws.removeAllListeners();
        client = new RpcClient(ws, hello, options, handlers);
        client.attach();
        resolve(client);
      });
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  request<M extends Method>(
    method: M,
    params: Record<string, unknown> = {},
    timeoutMs?: number,
  ): Promise<MethodResults[M]> {
    return new Promise((resolve, reject) => {
      this.call(method, params, (error, result) => (error ? reject(error) : resolve(result!)), timeoutMs);
    });
  }

  /**
   * Like request, but the callback runs synchronously when the reply is read, before any later message is
   * handled. sendOrder needs that: events about the new order may follow the reply in the same chunk.
   */
  call<M extends Method>(
    method: M,
    params: Record<string, unknown>,
    done: (error: Error | undefined, result?: MethodResults[M]) => void,
    timeoutMs = this.options.requestTimeoutMs ?? 10_000,
  ): void {
    if (this.closed) {
      done(new RpcLinkError(`not connected to ${this.options.url}`));
      return;
    }
    const id = this.nextId++;
    const text = JSON.stringify({ type: 'req', id, method, params });
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_CLIENT_MESSAGE_BYTES) {
      done(new RequestTooLargeError(method, bytes));
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(id);
      done(new RpcLinkError(`${method}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    this.pending.set(id, {
      resolve: (v) => done(undefined, v as MethodResults[M]),
      reject: (e) => done(e),
      timer,
    });
    this.ws.send(text);
  }

  close(): void {
    this.ws.close(1000, 'client closing');
    this.shutdown(1000, 'client closing');
    this.ws.terminate();
  }

  private attach(): void {
    const { ws, hello } = this;
    ws.on('message', (data) => this.receive(data.toString()));
    ws.on('error', () => {
      // 'close' follows every error; that is where the link is reported lost.
    });
    ws.on('close', (code, reason) => this.shutdown(code, reason.toString()));
    // The server proposes the rhythm; a nonsensical one (0, negative, a timeout shorter than two beats)
    // must not become a busy loop or a hair trigger here.
    const interval = clamp(hello.heartbeatMs, 100, 30_000, 1000);
    const timeout = Math.max(2 * interval, clamp(hello.timeoutMs, 200, 120_000, 5000));
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastSeen > timeout) {
        this.shutdown(CLOSE_HEARTBEAT, `server silent for ${timeout} ms`);
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify({ type: 'ping', t: Date.now() }));
    }, interval);
  }

  private receive(text: string): void {
    this.lastSeen = Date.now();
    let messages: ServerMessage[];
    try {
      messages = parseServerFrame(text);
    } catch (error) {
      this.handlers.onProtocolError?.(`unreadable frame from the server: ${(error as Error).message}`);
      return;
    }
    for (const msg of messages) {
      // One bad message must not take the rest of its frame (or the process) with it.
      try {
        this.handle(msg);
      } catch (error) {
        this.handlers.onProtocolError?.(`${msg.type} message not handled: ${(error as Error).message}`);
      }
    }
  }

  private handle(msg: ServerMessage): void {
    switch (msg.type) {
      case 'event':
        this.handlers.onEvent(msg);
        return;
      case 'res': {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        clearTimeout(p.timer);
        const error = (msg as { error?: unknown }).error as Partial<ErrorBody> | undefined;
        if (msg.ok === true) p.resolve(msg.result);
        else if (typeof error?.code === 'string' && typeof error.message === 'string')
          p.reject(new RemoteError(error.code, error.message));
        // An answer that cannot be read says nothing sure about the outcome: the caller must ask again.
        else
          p.reject(
            new RpcLinkError(`unreadable answer to request ${msg.id}: ${JSON.stringify(msg).slice(0, 120)}`),
          );
        return;
      }
      case 'ping':
        this.ws.send(JSON.stringify({ type: 'pong', t: msg.t }));
        return;
      default:
        return;
    }
  }

  private shutdown(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new RpcLinkError(`connection lost before the answer (${code} ${reason})`));
    }
    this.pending.clear();
    this.handlers.onClose(code, reason);
  }
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
