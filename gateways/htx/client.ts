// HTX spot REST on the shared RestClient: Signature Version 2 in the query of every private request (POST
// bodies are JSON and unsigned), and HTX's envelope rule — HTTP 200 carries refusals too, as status "error"
// with err-code / err-msg; only status "ok" is success. HTTP 429 is backed off by RestClient; an order is
// never retried.
import { VntError, quoteValue } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { RestClient, encodeParams, type Params, type RestRequest } from '../common/rest-client.js';
import { kindOf, type RateHeaders, type UidLimiter } from './hbdm/limits.js';
import { signedQuery } from './sign.js';
import type { V1Envelope } from './types.js';

export interface HtxRestOptions {
  baseUrl: string;
  accessKey: string;
  secret: string;
  proxy?: ProxyAddress;
  timeoutMs?: number;
  /** HBDM: signed calls wait for room in the UID's Trade or Read budget and learn it from the replies. */
  meter?: UidLimiter;
}

/** HBDM's refusal for a call past the UID's limit: "The number of access exceeded the limit." */
export const HBDM_RATE_LIMITED = '1032';

/** HTX refused: err-code (spot v1: a string such as "order-value-min-error") and err-msg. */
export class HtxError extends VntError {
  constructor(
    readonly venueCode: string,
    readonly venueMsg: string,
  ) {
    super(`${venueMsg || 'refused'} (${venueCode})`);
  }
}

export class HtxRest {
  readonly http: RestClient;
  readonly host: string;
  private readonly meter: UidLimiter | undefined;

  constructor(o: HtxRestOptions) {
    this.host = new URL(o.baseUrl).host;
    this.meter = o.meter;
    this.http = new RestClient({
      baseUrl: o.baseUrl,
      ...(o.proxy ? { proxy: o.proxy } : {}),
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      usageHeaders: ['x-hb-ratelimit', 'ratelimit-'],
      sign: (req, now) => {
        const params = definedOnly(req.params ?? {});
        const isGet = req.method === 'GET';
        const headers: Record<string, string> = {
          'Content-Type': isGet ? 'application/x-www-form-urlencoded' : 'application/json',
        };
        const queryParams = isGet ? params : {};
        const query = req.signed
          ? signedQuery(req.method, this.host, req.path, queryParams, o.accessKey, o.secret, now)
          : encodeParams(queryParams);
        // HBDM bodies carry numbers (volume, lever_rate, client_order_id) as JSON numbers.
        const body = isGet ? {} : { body: JSON.stringify(definedTyped(req.params ?? {})) };
        return { query, ...body, headers };
      },
      parseError: (_status, body) => {
        const b = body as Partial<V1Envelope<unknown>> | null;
        if (!b || typeof b !== 'object') return undefined;
        if (typeof b['err-code'] === 'string')
          return { code: b['err-code'], msg: String(b['err-msg'] ?? '') };
        // HBDM (derivatives): err_code is a number, err_msg its text.
        if (b.err_code !== undefined && b.err_code !== null)
          return { code: String(b.err_code), msg: String(b.err_msg ?? '') };
        return undefined;
      },
    });
  }

  now(): number {
    return this.http.now();
  }

  /** Spot's /v1/common/timestamp answers the time in data; HBDM's /api/v1/timestamp in ts. */
  syncTime(path: string, field: 'data' | 'ts' = 'data'): Promise<number> {
    return this.http.syncTime(path, (b) => Number((b as Record<string, unknown>)[field]));
  }

  async get<T>(path: string, params: Params = {}, signed = true): Promise<T> {
    if (signed) return this.metered<T>({ method: 'GET', path, params, signed });
    return envelopeData<T>(await this.http.request<unknown>({ method: 'GET', path, params, signed }), path);
  }

  /** A POST; `idempotent: false` (orders) is sent once and a lost reply is an UnknownOutcomeError. */
  async post<T>(path: string, params: Params, idempotent: boolean): Promise<T> {
    return this.metered<T>({ method: 'POST', path, params, signed: true, idempotent });
  }

  /**
   * A signed call through the UID meter (when there is one). A 1032 refusal (another client spent the
   * budget) holds the kind for an interval; a query is then asked again once, an order is not (it was
   * refused, so it becomes REJECTED with HTX's text).
   */
  private async metered<T>(req: RestRequest): Promise<T> {
    const meter = this.meter;
    const kind = kindOf(req.path);
    for (let attempt = 0; ; attempt++) {
      if (meter) await meter.acquire(kind);
      const body = await this.http.request<unknown>(req);
      // Read at once: the usage recorded is this reply's (the next reply is handled in a later task).
      if (meter) meter.observe(kind, rateHeaders(this.http.usage));
      try {
        return envelopeData<T>(body, req.path);
      } catch (error) {
        const limited = error instanceof HtxError && error.venueCode === HBDM_RATE_LIMITED;
        if (limited) meter?.refused(kind);
        if (!limited || !meter || req.idempotent === false || attempt >= 1) throw error;
      }
    }
  }

  /** An unsigned market-data GET whose reply carries data beside status (/market/*). */
  async market<T>(path: string, params: Params): Promise<T> {
    return envelopeData<T>(await this.http.request<unknown>({ method: 'GET', path, params }), path);
  }
}

/** HBDM's ratelimit-* reply headers, as RestClient recorded them. */
function rateHeaders(usage: ReadonlyMap<string, number>): RateHeaders {
  const at = (name: string) => usage.get(`ratelimit-${name}`);
  const out: RateHeaders = {};
  const limit = at('limit');
  const intervalMs = at('interval');
  const remaining = at('remaining');
  const resetAt = at('reset');
  if (limit !== undefined) out.limit = limit;
  if (intervalMs !== undefined) out.intervalMs = intervalMs;
  if (remaining !== undefined) out.remaining = remaining;
  if (resetAt !== undefined) out.resetAt = resetAt;
  return out;
}

export function envelopeData<T>(body: unknown, path: string): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new VntError(`HTX answered ${path} with ${quoteValue(body)}, not a reply`);
  const b = body as Partial<V1Envelope<T>>;
  if (b.status === 'ok') return b.data as T;
  if (b.status === 'error')
    throw new HtxError(String(b['err-code'] ?? b.err_code ?? ''), String(b['err-msg'] ?? b.err_msg ?? ''));
  throw new VntError(`HTX answered ${path} without a status`);
}

function definedTyped(params: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}

function definedOnly(params: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = String(v);
  return out;
}
