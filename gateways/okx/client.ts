// OKX v5 REST on the shared RestClient: the four OK-ACCESS-* headers on private requests, a JSON body for
// POST, x-simulated-trading: 1 for demo trading, and the envelope rule — only code "0" is success, HTTP 200
// included; a trade reply's failure is in its items' sCode/sMsg (docs-v5 "General Info": code/msg when the
// reply has no sCode, sCode/sMsg when it has). HTTP 429 (code 50011) is backed off by RestClient; an order
// is never retried.
import { VntError, quoteValue } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { RestClient, encodeParams, type Params } from '../common/rest-client.js';
import { isoTimestamp, restSignature } from './sign.js';
import { PATHS } from './urls.js';
import type { Envelope, OrderAck } from './types.js';

export interface OkxRestOptions {
  baseUrl: string;
  apiKey: string;
  secret: string;
  passphrase: string;
  demo: boolean;
  proxy?: ProxyAddress;
  timeoutMs?: number;
}

/** OKX refused: `code` is the envelope's, `sCode` the item's where the reply had one. */
export class OkxError extends VntError {
  constructor(
    readonly code: string,
    readonly venueMsg: string,
    readonly sCode?: string,
  ) {
    super(`${venueMsg || 'refused'} (code ${sCode ?? code})`);
  }

  /** The most specific code: the item's sCode, else the envelope's code. */
  get venueCode(): string {
    return this.sCode ?? this.code;
  }
}

export class OkxRest {
  readonly http: RestClient;

  constructor(o: OkxRestOptions) {
    this.http = new RestClient({
      baseUrl: o.baseUrl,
      ...(o.proxy ? { proxy: o.proxy } : {}),
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      sign: (req, now) => {
        const params = req.params ?? {};
        const isGet = req.method === 'GET';
        const query = isGet ? encodeParams(params) : '';
        const body = isGet ? '' : JSON.stringify(definedOnly(params));
        const headers: Record<string, string> = {};
        if (!isGet) headers['Content-Type'] = 'application/json';
        if (o.demo) headers['x-simulated-trading'] = '1';
        if (req.signed) {
          const timestamp = isoTimestamp(now);
          const requestPath = query ? `${req.path}?${query}` : req.path;
          headers['OK-ACCESS-KEY'] = o.apiKey;
          headers['OK-ACCESS-SIGN'] = restSignature(o.secret, timestamp, req.method, requestPath, body);
          headers['OK-ACCESS-TIMESTAMP'] = timestamp;
          headers['OK-ACCESS-PASSPHRASE'] = o.passphrase;
        }
        return { query, ...(isGet ? {} : { body }), headers };
      },
      parseError: (_status, body) => {
        const b = body as { code?: unknown; msg?: unknown } | null;
        return b && typeof b === 'object' && typeof b.code === 'string'
          ? { code: b.code, msg: String(b.msg ?? '') }
          : undefined;
      },
    });
  }

  now(): number {
    return this.http.now();
  }

  /** Measures the venue clock's offset (the login and every signature expire 30 s after their timestamp). */
  syncTime(): Promise<number> {
    return this.http.syncTime(PATHS.time, (b) =>
      Number(envelopeData<{ ts?: unknown }>(b, PATHS.time)[0]?.ts),
    );
  }

  async get<T>(path: string, params: Params = {}, signed = true): Promise<T[]> {
    return envelopeData<T>(await this.http.request<unknown>({ method: 'GET', path, params, signed }), path);
  }

  /** A POST; `idempotent: false` (orders) is sent once and a lost reply is an UnknownOutcomeError. */
  async post<T>(path: string, params: Params, idempotent: boolean): Promise<T[]> {
    const body = await this.http.request<unknown>({ method: 'POST', path, params, signed: true, idempotent });
    return envelopeData<T>(body, path);
  }

  /** Place / cancel / amend: one item, whose sCode must be "0". */
  async trade(path: string, params: Params, idempotent: boolean): Promise<OrderAck> {
    const [ack] = await this.post<OrderAck>(path, params, idempotent);
    if (!ack || typeof ack !== 'object') throw new VntError(`OKX answered ${path} without an item`);
    if (ack.sCode !== '0') throw new OkxError('1', String(ack.sMsg ?? ''), String(ack.sCode));
    return ack;
  }
}

/** The data of a reply whose code is "0"; otherwise the refusal, with the item's sCode where there is one. */
export function envelopeData<T>(body: unknown, path: string): T[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new VntError(`OKX answered ${path} with ${quoteValue(body)}, not a reply`);
  const b = body as Partial<Envelope<unknown>>;
  if (b.code === '0') {
    if (!Array.isArray(b.data)) throw new VntError(`OKX answered ${path} without a data list`);
    return b.data as T[];
  }
  if (typeof b.code !== 'string') throw new VntError(`OKX answered ${path} without a code`);
  const item = Array.isArray(b.data)
    ? (b.data[0] as { sCode?: unknown; sMsg?: unknown } | undefined)
    : undefined;
  if (item && typeof item.sCode === 'string' && item.sCode !== '0')
    throw new OkxError(b.code, String(item.sMsg ?? b.msg ?? ''), item.sCode);
  throw new OkxError(b.code, String(b.msg ?? ''));
}

function definedOnly(params: Params): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}
