// One venue's REST endpoint on axios: signing through a venue hook, a server-clock offset for signed
// timestamps, rate-limit usage read from the venue's headers, and back-off on 429/418 honouring Retry-After.
// Requests that create something (orders) are never retried: when their outcome is unknown (timeout,
// connection lost after sending, 5xx) the caller gets UnknownOutcomeError and reconciles by client order id.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { VntError } from '../../src/core/errors.js';
import { backoffDelay, parseRetryAfter, type BackoffOptions } from './backoff.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type ParamValue = string | number | boolean;
export type Params = Record<string, ParamValue | undefined>;

export interface RestRequest {
  method: HttpMethod;
  path: string;
  params?: Params;
  /** Passed to the venue's signing hook. */
  signed?: boolean;
  /**
   * False for requests that change state on the venue (placing an order): they are sent once, and a lost
   * reply surfaces as UnknownOutcomeError instead of a retry that could place the order twice.
   */
  idempotent?: boolean;
}

/** What goes on the wire, produced by the venue's signing hook. */
export interface PreparedRequest {
  /** Encoded query string without the leading '?', or ''. */
  query: string;
  body?: string;
  headers: Record<string, string>;
}

/** `now` is the venue's clock (local clock plus the measured offset). */
export type SignHook = (req: RestRequest, now: number) => PreparedRequest;

/**
 * Turns a venue's error reply into its code and message. `definite` marks a reply that is a refusal even
 * with a 5xx status (Bitfinex answers every error, bad parameters included, with HTTP 500): the request was
 * not carried out, so it is a RestError rather than an unknown outcome.
 */
export type ErrorParser = (
  status: number,
  body: unknown,
) => { code: number | string; msg: string; definite?: boolean } | undefined;

export interface RestClientOptions {
  baseUrl: string;
  sign?: SignHook;
  parseError?: ErrorParser;
  /** Lower-case header prefixes whose numeric values are recorded as rate-limit usage. */
  usageHeaders?: readonly string[];
  proxy?: { host: string; port: number };
  timeoutMs?: number;
  /** Retries of idempotent requests after a network failure or a 429. */
  retries?: number;
  backoff?: BackoffOptions;
  /** A request waits at most this long for a rate-limit ban to lift before failing. */
  maxBanWaitMs?: number;
  /** How long a 429 without Retry-After blocks requests (the venue's documented ban); default 1 s. */
  rateLimitWaitMs?: number;
  /**
   * Venues that say from their headers when the request budget is spent (BitMEX x-ratelimit-remaining 0
   * until x-ratelimit-reset): returns the epoch ms before which no further request should be sent.
   */
  holdUntil?: (headers: Record<string, unknown>, now: number) => number | undefined;
  /**
   * Venues that refuse with a 5xx before executing anything (BitMEX 503 "system is currently overloaded":
   * the request never reached the engine): true for such a reply. It surfaces as OverloadedError, a refusal
   * and not an unknown outcome; idempotent requests are retried after overloadRetryMs at the earliest.
   */
  overloaded?: (status: number, body: unknown) => boolean;
  overloadRetryMs?: number;
  /**
   * A refusal that says the request was not executed and only its signature was stale (1Token's nonce that
   * arrived behind a later one over another connection): true to sign it afresh and send it again at once,
   * orders included, up to RESIGN_LIMIT times.
   */
  resignWhen?: (error: RestError) => boolean;
  /**
   * Turns a reply's text into a value; JSON.parse (text kept as is when it is not JSON) by default. Venues
   * whose ids overflow a double (Tiger) read them as strings here.
   */
  decodeBody?: (text: string) => unknown;
}

const RESIGN_LIMIT = 3;

/** The venue answered with an error. */
export class RestError extends VntError {
  constructor(
    readonly status: number,
    readonly code: number | string | undefined,
    readonly venueMsg: string,
    readonly path: string,
  ) {
    super(code !== undefined ? `${venueMsg} (code ${code})` : `HTTP ${status} from ${path}: ${venueMsg}`);
  }
}

/** The venue refused because of rate limits (429), or banned this address (418). Nothing was executed. */
export class RateLimitError extends RestError {}

/** The venue shed the request under load before executing it (nothing happened; a new request may work). */
export class OverloadedError extends RestError {}

/** The request may or may not have been executed; only a query by client id can tell. */
export class UnknownOutcomeError extends VntError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`no reply to ${path} (${reason}); its outcome is unknown`);
  }
}

/** The request never reached the venue (connection refused, bad host). */
export class NotSentError extends VntError {}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

export function encodeParams(params: Params): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}

export class RestClient {
  private readonly http: AxiosInstance;
  private offsetMs = 0;
  private bannedUntil = 0;
  private readonly usageValues = new Map<string, number>();

  constructor(private readonly o: RestClientOptions) {
    this.http = axios.create({
      baseURL: o.baseUrl.replace(/\/+$/, ''),
      timeout: o.timeoutMs ?? 10_000,
      proxy: o.proxy && o.proxy.host ? { host: o.proxy.host, port: o.proxy.port, protocol: 'http' } : false,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    });
  }

  /** The venue's clock as far as we know it. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  get timeOffsetMs(): number {
    return this.offsetMs;
  }

  /** Latest rate-limit usage by header name (e.g. x-mbx-used-weight-1m → 42). */
  get usage(): ReadonlyMap<string, number> {
    return this.usageValues;
  }

  /** Sets the venue clock's offset measured elsewhere (a WebSocket greeting's timestamp). */
  setTimeOffset(ms: number): void {
    if (Number.isFinite(ms)) this.offsetMs = Math.round(ms);
  }

  /** Measures the offset of the venue's clock; `extract` reads the server time (ms) from the reply. */
  async syncTime(path: string, extract: (body: unknown) => number): Promise<number> {
    const sent = Date.now();
    const body = await this.request<unknown>({ method: 'GET', path });
    const received = Date.now();
    const server = extract(body);
    if (!Number.isFinite(server)) throw new VntError(`${path} returned no server time`);
    this.offsetMs = Math.round(server - (sent + received) / 2);
    return this.offsetMs;
  }

  async request<T>(req: RestRequest): Promise<T> {
    const idempotent = req.idempotent ?? req.method === 'GET';
    const retries = idempotent ? (this.o.retries ?? 2) : 0;
    let resigned = 0;
    for (let attempt = 0; ; attempt++) {
      await this.waitForBan(req.path);
      try {
        return await this.once<T>(req, idempotent);
      } catch (error) {
        if (
          error instanceof RestError &&
          !(error instanceof RateLimitError) &&
          resigned < RESIGN_LIMIT &&
          this.o.resignWhen?.(error)
        ) {
          resigned++;
          attempt--;
          continue;
        }
        const retryable =
          error instanceof RateLimitError ||
          ((error instanceof UnknownOutcomeError || error instanceof OverloadedError) && idempotent);
        if (!retryable || attempt >= retries) throw error;
        if (error instanceof OverloadedError) {
          const floor = this.o.overloadRetryMs ?? 500;
          await sleep(Math.max(floor, backoffDelay(attempt, { baseMs: floor * 2, maxMs: floor * 8 })));
        } else if (!(error instanceof RateLimitError)) {
          await sleep(backoffDelay(attempt, this.o.backoff ?? { baseMs: 200, maxMs: 5000 }));
        }
      }
    }
  }

  private async waitForBan(path: string): Promise<void> {
    const wait = this.bannedUntil - Date.now();
    if (wait <= 0) return;
    if (wait > (this.o.maxBanWaitMs ?? 10_000)) {
      throw new RateLimitError(429, undefined, `rate limited for another ${Math.ceil(wait / 1000)} s`, path);
    }
    await sleep(wait);
  }

  private async once<T>(req: RestRequest, idempotent: boolean): Promise<T> {
    const prepared = this.o.sign
      ? this.o.sign(req, this.now())
      : { query: encodeParams(req.params ?? {}), headers: {} };
    const url = prepared.query ? `${req.path}?${prepared.query}` : req.path;
    let res: AxiosResponse<string>;
    try {
      res = await this.http.request<string>({
        method: req.method,
        url,
        data: prepared.body,
        headers: prepared.headers,
      });
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (NOT_SENT_CODES.has(code)) {
        throw new NotSentError(`cannot reach ${this.o.baseUrl} (${code})`);
      }
      throw new UnknownOutcomeError(req.path, code || (error as Error).message);
    }
    this.recordUsage(res.headers as Record<string, unknown>);
    const hold = this.o.holdUntil?.(res.headers as Record<string, unknown>, Date.now());
    if (hold !== undefined && Number.isFinite(hold)) this.bannedUntil = Math.max(this.bannedUntil, hold);
    const body = parseBody(res.data, this.o.decodeBody);
    if (res.status >= 200 && res.status < 300) return body as T;
    const parsed = this.o.parseError?.(res.status, body);
    const msg = parsed?.msg ?? (typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body));
    if (res.status === 429 || res.status === 418) {
      const wait =
        parseRetryAfter(res.headers['retry-after']) ??
        this.o.rateLimitWaitMs ??
        backoffDelay(0, this.o.backoff ?? { baseMs: 1000, maxMs: 60_000 });
      this.bannedUntil = Math.max(this.bannedUntil, Date.now() + wait);
      throw new RateLimitError(res.status, parsed?.code, msg, req.path);
    }
    if (res.status >= 500 && parsed?.definite) throw new RestError(res.status, parsed.code, msg, req.path);
    if (this.o.overloaded?.(res.status, body)) {
      throw new OverloadedError(res.status, parsed?.code, msg, req.path);
    }
    if (res.status >= 500 && !idempotent) throw new UnknownOutcomeError(req.path, `HTTP ${res.status}`);
    if (res.status >= 500) throw new UnknownOutcomeError(req.path, `HTTP ${res.status}: ${msg}`);
    throw new RestError(res.status, parsed?.code, msg, req.path);
  }

  private recordUsage(headers: Record<string, unknown>): void {
    const prefixes = this.o.usageHeaders;
    if (!prefixes || prefixes.length === 0) return;
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (!prefixes.some((p) => lower.startsWith(p))) continue;
      const n = Number(value);
      if (Number.isFinite(n)) this.usageValues.set(lower, n);
    }
  }
}

function parseBody(text: string, decode: (text: string) => unknown = JSON.parse): unknown {
  if (typeof text !== 'string' || text === '') return text;
  try {
    return decode(text);
  } catch {
    return text;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
