// Tiger's REST gateway: every call is a POST of one signed JSON envelope to a single URL, naming the method
// and carrying the business parameters as a JSON string (biz_content). The reply is {code, message,
// timestamp, data, sign}: code 0 is success; a rate-limit refusal (see isRateLimit) is backed off and retried
// by idempotent calls; code 4 otherwise is "access forbidden" — a whitelist or blacklist refusal that a retry
// only makes worse — and anything else is the venue's refusal with its message. Where Tiger's public key is
// configured, the reply's sign over the request's timestamp is checked.
import type { KeyObject } from 'node:crypto';
import { VntError, quoteValue } from '../../src/core/errors.js';
import { backoffDelay } from '../common/backoff.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import {
  RateLimitError,
  RestClient,
  RestError,
  UnknownOutcomeError,
  type Params,
} from '../common/rest-client.js';
import { MethodLimiter, type Tier } from './limits.js';
import { quoteBigIntegers, rsaSign, rsaVerify, signContent, tigerTimestamp } from './sign.js';
import type { Envelope } from './types.js';

/** Code 4: access forbidden, per Tiger's error-code page (docs-en.itigerup.com/docs/error-codes). */
export const ACCESS_FORBIDDEN = 4;

/**
 * Whether Tiger refused a call for its rate limit. Its error-code page says code 5 "rate limit error" (HTTP
 * 429); its rate-limit page shows the same refusal as `code=4 msg=rate limit error(...)`. Code 4 is otherwise
 * "access forbidden", so only its message tells the two apart.
 */
export function isRateLimit(code: number, message: string): boolean {
  return code === 5 || (code === ACCESS_FORBIDDEN && /rate limit/i.test(message));
}
export const SDK_VERSION = 'vnt-0.1';

export interface TigerRestOptions {
  url: string;
  tigerId: string;
  privateKey: KeyObject;
  /** Tiger's public key, to check the sign on replies; undefined skips the check. */
  tigerPublicKey?: KeyObject;
  /** HK licence accounts: the Authorization token. */
  token?: string;
  deviceId: string;
  proxy?: ProxyAddress;
  timeoutMs?: number;
  /** Retries of an idempotent call refused for rate limits. */
  rateLimitRetries?: number;
  rateLimitBaseMs?: number;
  /** Calls per minute per tier, metered client-side; false turns metering off (benchmarks). */
  limits?: Readonly<Record<Tier, number>> | false;
}

/** Tiger refused the call: its business code and message. */
export class TigerApiError extends RestError {
  constructor(code: number, message: string, method: string) {
    super(200, code, message, method);
  }
}

export class TigerRateLimitError extends RateLimitError {}

/** Code 4 that is not a rate limit: Tiger refuses this tiger id or address outright. */
export class TigerForbiddenError extends TigerApiError {
  constructor(message: string, method: string) {
    super(
      ACCESS_FORBIDDEN,
      `${message}: Tiger refuses this tiger id or address (an IP whitelist that does not list it, or a ` +
        'blacklist after too many requests); nothing is retried',
      method,
    );
  }
}

export interface CallOptions {
  /** False for calls that change state (place, modify, cancel): sent once, never retried. */
  idempotent?: boolean;
  version?: string;
}

export class TigerRest {
  private readonly http: RestClient;
  private readonly path: string;
  /** Rate-limit refusals seen, for the console's status. */
  rateLimited = 0;
  readonly limiter: MethodLimiter | undefined;
  /** The HK-licence token sent as Authorization; replaced when Tiger renews it. */
  token: string | undefined;

  constructor(private readonly o: TigerRestOptions) {
    this.token = o.token;
    this.limiter = o.limits === false ? undefined : new MethodLimiter(o.limits);
    const url = new URL(o.url);
    this.path = url.pathname || '/';
    this.http = new RestClient({
      baseUrl: url.origin,
      sign: (req) => {
        const headers: Record<string, string> = { 'Content-Type': 'application/json;charset=UTF-8' };
        if (this.token) headers.Authorization = this.token;
        return { query: '', body: JSON.stringify(req.params ?? {}), headers };
      },
      parseError: (_status, body) => {
        const b = body as { code?: unknown; message?: unknown } | null;
        if (!b || typeof b !== 'object' || typeof b.message !== 'string') return undefined;
        return { code: typeof b.code === 'number' ? b.code : '', msg: b.message };
      },
      decodeBody: (text) => JSON.parse(quoteBigIntegers(text)),
      timeoutMs: o.timeoutMs ?? 15_000,
      ...(o.proxy ? { proxy: o.proxy } : {}),
    });
  }

  /** The signed envelope for one call (exported for the signature tests). */
  envelope(method: string, biz: Record<string, unknown> | undefined, version: string, now: number): Params {
    const env: Record<string, string> = {
      tiger_id: this.o.tigerId,
      method,
      charset: 'UTF-8',
      sign_type: 'RSA',
      timestamp: tigerTimestamp(now),
      version,
      device_id: this.o.deviceId,
    };
    if (biz) env.biz_content = bizContent(biz);
    env.sign = rsaSign(this.o.privateKey, signContent(env));
    return env;
  }

  async call<T>(method: string, biz?: Record<string, unknown>, opts: CallOptions = {}): Promise<T> {
    const idempotent = opts.idempotent ?? true;
    const retries = idempotent ? (this.o.rateLimitRetries ?? 3) : 0;
    for (let attempt = 0; ; attempt++) {
      await this.limiter?.acquire(method);
      const params = this.envelope(method, biz, opts.version ?? '2.0', Date.now());
      let reply: Envelope<T>;
      try {
        reply = await this.http.request<Envelope<T>>({ method: 'POST', path: this.path, params, idempotent });
      } catch (error) {
        // An HTTP 429 (code 5): the REST client has already held back and retried what it may.
        if (error instanceof RateLimitError) this.rateLimited += 1;
        throw error;
      }
      if (typeof reply !== 'object' || reply === null || typeof reply.code !== 'number') {
        // A call that changes state may have been carried out behind a garbled answer (a proxy's error page).
        if (!idempotent) throw new UnknownOutcomeError(method, `the reply is ${quoteValue(reply)}`);
        throw new VntError(`Tiger answered ${method} with ${quoteValue(reply)}, not a reply envelope`);
      }
      if (reply.code === 0) {
        this.checkSign(reply, String(params.timestamp), method);
        return reply.data as T;
      }
      const message = typeof reply.message === 'string' ? reply.message : 'no message';
      if (isRateLimit(reply.code, message)) {
        this.rateLimited += 1;
        if (attempt < retries) {
          await new Promise((r) =>
            setTimeout(r, backoffDelay(attempt, { baseMs: this.o.rateLimitBaseMs ?? 1000, maxMs: 30_000 })),
          );
          continue;
        }
        throw new TigerRateLimitError(200, reply.code, message, method);
      }
      if (reply.code === ACCESS_FORBIDDEN) throw new TigerForbiddenError(message, method);
      throw new TigerApiError(reply.code, message, method);
    }
  }

  private checkSign(reply: Envelope, timestamp: string, method: string): void {
    const key = this.o.tigerPublicKey;
    if (!key || typeof reply.sign !== 'string' || reply.sign === '') return;
    if (!rsaVerify(key, timestamp, reply.sign)) {
      throw new VntError(
        `the reply to ${method} does not carry Tiger's signature (check Tiger's public key)`,
      );
    }
  }
}

/** Tiger's order ids, held as strings (they pass 2^53) and written as the bare integers Tiger expects. */
const ID_FIELDS = /"(id|order_id)":"(-?\d+)"/g;

/** Business parameters as Tiger's SDKs serialise them: keys sorted, compact, undefined left out. */
export function bizContent(biz: Record<string, unknown>): string {
  const clean: Record<string, unknown> = {};
  for (const k of Object.keys(biz).sort()) if (biz[k] !== undefined && biz[k] !== null) clean[k] = biz[k];
  return JSON.stringify(clean).replace(ID_FIELDS, '"$1":$2');
}
