// The console's side of a FEMAS session: the hosted FEMAS module (hosted.ts) in a native host process,
// through the toolkit's bounded session, with FEMAS's typed calls.
import { HostedSession, type SessionCallbacks, type SessionLimits } from '../native/host/session.js';
import type { FemasApiKind, FemasEvent, FemasOps } from './protocol.js';
import type { FemasRecord, FemasStructName } from './structs.js';
import type { FemasMdMethod, FemasTraderMethod } from './versions.js';

export class FemasSession extends HostedSession<FemasOps, FemasEvent> {
  constructor(callbacks: SessionCallbacks<FemasEvent>, limits: SessionLimits) {
    super('FEMAS', new URL('./hosted.js', import.meta.url), callbacks, limits);
  }

  /** A Req* call; resolves with its return code (0 = sent). */
  request(
    api: FemasApiKind,
    method: FemasTraderMethod | FemasMdMethod,
    struct: FemasStructName,
    fields: FemasRecord,
    requestId: number,
  ): Promise<number> {
    return this.call('req', { api, method, struct, fields, requestId });
  }

  /** CUstpFtdcMduserApi::SubMarketData. */
  subscribe(symbols: string[]): Promise<number> {
    return this.call('subscribe', symbols);
  }
}
