// The console's side of a CTP session: the hosted CTP module (hosted.ts) in a native host process, through
// the toolkit's bounded session (bindings/native/host/session.ts), with CTP's typed calls.
import { HostedSession, type SessionCallbacks, type SessionLimits } from '../native/host/session.js';
import type { ApiKind, CtpOps, SpiEvent } from './protocol.js';
import type { CtpRecord, StructName } from './structs.js';
import type { MdMethod, TraderMethod } from './versions.js';

export type { SessionLimits };
export const DEFAULT_LIMITS: SessionLimits = { callTimeoutMs: 10_000, exitGraceMs: 3_000 };

export class CtpSession extends HostedSession<CtpOps, SpiEvent> {
  constructor(callbacks: SessionCallbacks<SpiEvent>, limits: SessionLimits = DEFAULT_LIMITS) {
    super('CTP', new URL('./hosted.js', import.meta.url), callbacks, limits);
  }

  /** A Req* call; resolves with its return code (0 = sent). */
  request(
    api: ApiKind,
    method: TraderMethod | MdMethod,
    struct: StructName,
    fields: CtpRecord,
    requestId: number,
  ): Promise<number> {
    return this.call('req', { api, method, struct, fields, requestId });
  }

  subscribe(symbols: string[]): Promise<number> {
    return this.call('subscribe', symbols);
  }
}
