// The console's side of an XTP session: the hosted XTP module (hosted.ts) in a native host process, through
// the toolkit's bounded session (bindings/native/host/session.ts). Every call is bounded — XTP's synchronous
// Login included; the gateway uses `call` with the module's operations directly.
import { HostedSession, type SessionCallbacks, type SessionLimits } from '../native/host/session.js';
import type { SpiEvent, XtpOps } from './protocol.js';

export type { SessionLimits };
export const DEFAULT_LIMITS: SessionLimits = { callTimeoutMs: 15_000, exitGraceMs: 3_000 };

export class XtpSession extends HostedSession<XtpOps, SpiEvent> {
  constructor(callbacks: SessionCallbacks<SpiEvent>, limits: SessionLimits = DEFAULT_LIMITS) {
    super('XTP', new URL('./hosted.js', import.meta.url), callbacks, limits);
  }
}
