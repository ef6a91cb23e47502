// The contract between the native host process and a hosted module (the SDK-specific code that loads the
// vendor library, makes its calls and turns its callbacks into events). A hosted module exports
// `start: HostedStart<Ops, Event, Options>`; the host calls it once with a context and the options the
// console sent, then routes each operation the console calls to the returned handlers.
import type { HostLogLevel, OpMap } from './protocol.js';

export interface HostContext<E> {
  /**
   * Queues an event for the console. Pass a thunk to defer the work (decoding a copied struct) out of the
   * vendor's callback, which must only copy and return: thunks run when the batch is flushed.
   */
  emit(event: E | (() => E)): void;
  log(level: HostLogLevel, message: string): void;
  /** Names the vendor call about to be made, so that a call that never returns is named in the log. */
  step(name: string): void;
}

export type HostedOps<Ops extends OpMap> = {
  [K in keyof Ops]: (arg: Ops[K]['arg']) => Ops[K]['result'] | Promise<Ops[K]['result']>;
};

export type HostedStart<Ops extends OpMap, E, O> = (ctx: HostContext<E>, options: O) => HostedOps<Ops>;
