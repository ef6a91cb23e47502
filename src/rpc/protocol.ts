// The RPC wire format: JSON text frames over WebSocket. docs/rpc.md is the human-readable version of this
// file; keep the two in step.

export const PROTOCOL_VERSION = 1;

/** Largest frame (UTF-8 bytes) the server accepts from a client; bigger frames close the connection with 1009. */
export const MAX_CLIENT_MESSAGE_BYTES = 1024 * 1024;
/** Largest frame a client accepts (getAllContracts of a big venue runs to megabytes). */
export const MAX_SERVER_MESSAGE_BYTES = 256 * 1024 * 1024;

/** Close codes in the application range (4000-4999), each with a reason text. */
export const CLOSE_TOO_SLOW = 4008;
export const CLOSE_HEARTBEAT = 4002;
export const CLOSE_SHUTDOWN = 1001;
/** The standard "try again later": the server has as many clients as rpc.maxClients allows. */
export const CLOSE_TOO_MANY_CLIENTS = 1013;

export const METHODS = [
  'subscribe',
  'sendOrder',
  'cancelOrder',
  'queryHistory',
  'getTick',
  'getOrder',
  'getTrade',
  'getPosition',
  'getAccount',
  'getContract',
  'getAllTicks',
  'getAllOrders',
  'getAllTrades',
  'getAllPositions',
  'getAllAccounts',
  'getAllContracts',
  'getAllActiveOrders',
  'getAllGatewayNames',
  'setFilter',
  'resolveOrders',
  'amendOrder',
  'getCapabilities',
  'queryOrderCost',
] as const;

export type Method = (typeof METHODS)[number];

/** The one event type never streamed: each process has its own clock. */
export const UNSTREAMED_EVENT = 'timer';

export interface EventFilter {
  /** Event types to receive; absent means all. */
  types?: string[];
  /** vtSymbols to receive (applies to events that carry a vtSymbol); absent means all. */
  vtSymbols?: string[];
}

// ---- client → server ----------------------------------------------------------------------------------------

export interface RequestMessage {
  type: 'req';
  id: number;
  method: Method;
  params: Record<string, unknown>;
}

export interface PingMessage {
  type: 'ping';
  t: number;
}

export interface PongMessage {
  type: 'pong';
  t: number;
}

export type ClientMessage = RequestMessage | PingMessage | PongMessage;

// ---- server → client ----------------------------------------------------------------------------------------

export interface HelloMessage {
  type: 'hello';
  protocol: number;
  /** Names of the gateways the server has added. */
  gateways: string[];
  /** Milliseconds between the server's pings; a peer silent for timeoutMs is considered dead. */
  heartbeatMs: number;
  timeoutMs: number;
  /** Changes on every server start: a client seeing a new one knows the server restarted. */
  serverId: string;
}

export interface ResultMessage {
  type: 'res';
  id: number;
  ok: true;
  result: unknown;
}

export type ErrorCode = 'bad_message' | 'unknown_method' | 'bad_params' | 'request_failed';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

export interface FailureMessage {
  type: 'res';
  id: number;
  ok: false;
  error: ErrorBody;
}

/** A reply to a message that could not be read far enough to find its id. */
export interface ProtocolErrorMessage {
  type: 'error';
  error: ErrorBody;
}

export interface EventMessage {
  type: 'event';
  /** A core event type (docs/rpc.md, "Events") or an app's own. */
  event: string;
  key: string;
  data: unknown;
}

export type ServerMessage =
  | HelloMessage
  | ResultMessage
  | FailureMessage
  | ProtocolErrorMessage
  | EventMessage
  | PingMessage
  | PongMessage;

// ---- parsing ------------------------------------------------------------------------------------------------

export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The request id, when the message got far enough to have one. */
    readonly id?: number,
  ) {
    super(message);
  }
}

const METHOD_SET: ReadonlySet<string> = new Set(METHODS);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads one client frame; throws ProtocolError (with the id when known) for anything malformed. */
export function parseClientMessage(text: string): ClientMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProtocolError('bad_message', 'not valid JSON');
  }
  if (!isObject(raw)) throw new ProtocolError('bad_message', 'a message must be a JSON object');
  switch (raw.type) {
    case 'ping':
    case 'pong':
      if (typeof raw.t !== 'number') throw new ProtocolError('bad_message', `${raw.type} needs a number "t"`);
      return { type: raw.type, t: raw.t };
    case 'req': {
      const id = raw.id;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
        throw new ProtocolError('bad_message', 'a request needs an integer "id"');
      }
      if (typeof raw.method !== 'string' || !METHOD_SET.has(raw.method)) {
        throw new ProtocolError('unknown_method', `unknown method ${JSON.stringify(raw.method)}`, id);
      }
      const params = raw.params ?? {};
      if (!isObject(params)) throw new ProtocolError('bad_params', '"params" must be an object', id);
      return { type: 'req', id, method: raw.method as Method, params };
    }
    default:
      throw new ProtocolError('bad_message', `unknown message type ${JSON.stringify(raw.type)}`);
  }
}

/** Reads one server frame (a message, or an array of messages sent together); throws if it is neither. */
export function parseServerFrame(text: string): ServerMessage[] {
  const raw: unknown = JSON.parse(text);
  const list = Array.isArray(raw) ? raw : [raw];
  for (const m of list) {
    if (!isObject(m) || typeof m.type !== 'string') throw new Error('not an RPC server message');
  }
  return list as ServerMessage[];
}
