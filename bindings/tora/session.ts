// The console's side of a TORA session: the hosted TORA module (hosted.ts) in a native host process, through
// the toolkit's bounded session (bindings/native/host/session.ts), with TORA's typed calls.
import { HostedSession, type SessionCallbacks, type SessionLimits } from '../native/host/session.js';
import type { SpiEvent, SubscribeReq, ToraOps, TraderReq } from './protocol.js';
import type { ToraRecord } from './structs.js';

export type { SessionLimits };
export const DEFAULT_LIMITS: SessionLimits = { callTimeoutMs: 10_000, exitGraceMs: 3_000 };

export class ToraSession extends HostedSession<ToraOps, SpiEvent> {
  constructor(callbacks: SessionCallbacks<SpiEvent>, limits: SessionLimits = DEFAULT_LIMITS) {
    super('TORA', new URL('./hosted.js', import.meta.url), callbacks, limits);
  }

  /** A trader Req* call; resolves with its return code (0 = sent). */
  request(req: TraderReq): Promise<number> {
    return this.call('req', req);
  }

  mdLogin(fields: ToraRecord, requestId: number): Promise<number> {
    return this.call('mdLogin', { fields, requestId });
  }

  subscribe(req: SubscribeReq): Promise<number> {
    return this.call('subscribe', req);
  }
}
