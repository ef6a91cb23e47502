// What the console (parent) and a native host process (child) say to each other over the child's IPC
// channel (Node's "advanced" serialization: structured clone, so Buffers, bigints and nested objects cross
// as they are). The RPC is generic — named operations of a hosted module, plain C function calls, and
// batched events back — so C++ SDKs (an API object + SPI callbacks) and C SDKs (functions + function-pointer
// callbacks) use the same host.

export type HostLogLevel = 'debug' | 'info' | 'warning' | 'error';

/** One operation a hosted module offers: its argument and its result (both structured-cloneable). */
export interface OpSpec {
  arg: unknown;
  result: unknown;
}
export type OpMap = { [op: string]: OpSpec };

/** A plain C function in a library, called in the host (`koffi.load(library).func(symbol, result, params)`). */
export interface FunctionCall {
  library: string;
  symbol: string;
  /** koffi type names, e.g. 'int', 'const char *'. */
  result: string;
  params: string[];
  args: unknown[];
}

export type ToHost =
  | { t: 'start'; id: number; module: string; options: unknown }
  | { t: 'call'; id: number; op: string; arg: unknown }
  | { t: 'function'; id: number; call: FunctionCall }
  /** The parent has handled one events message (flow control: the host keeps few in flight). */
  | { t: 'ack' }
  /** Leave now (after a release); whatever the vendor library does at exit happens here, not in the console. */
  | { t: 'exit' };

export type FromHost =
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; message: string }
  /** The host is about to make this vendor call (names the culprit if it never returns). */
  | { t: 'step'; step: string }
  | { t: 'events'; events: unknown[] }
  | { t: 'log'; level: HostLogLevel; message: string };
