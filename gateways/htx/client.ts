// HTX spot REST on the shared RestClient: Signature Version 2 in the query of every private request (POST
// bodies are JSON and unsigned), and HTX's envelope rule — HTTP 200 carries refusals too, as status "error"
// with err-code / err-msg; only status "ok" is success. HTTP 429 is backed off by RestClient; an order is
// never retried.
import { VntError, quoteValue } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { RestClient, encodeParams, type Params } from '../common/rest-client.js';
import { signedQuery } from './sign.js';
import type { V1Envelope } from './types.js';

export interface HtxRestOptions {
  baseUrl: string;
  accessKey: string;
  secret: string;
  proxy?: ProxyAddress;
  timeoutMs?: number;
}

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

  constructor(o: HtxRestOptions) {
    this.host = new URL(o.baseUrl).host;
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
    return envelopeData<T>(await this.http.request<unknown>({ method: 'GET', path, params, signed }), path);
  }

  /** A POST; `idempotent: false` (orders) is sent once and a lost reply is an UnknownOutcomeError. */
  async post<T>(path: string, params: Params, idempotent: boolean): Promise<T> {
    const body = await this.http.request<unknown>({ method: 'POST', path, params, signed: true, idempotent });
    return envelopeData<T>(body, path);
  }

  /** An unsigned market-data GET whose reply carries data beside status (/market/*). */
  async market<T>(path: string, params: Params): Promise<T> {
    return envelopeData<T>(await this.http.request<unknown>({ method: 'GET', path, params }), path);
  }
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
