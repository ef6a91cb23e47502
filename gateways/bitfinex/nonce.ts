// Bitfinex checks that every authenticated request's nonce is larger than the last one it saw for that API
// key (docs.bitfinex.com/docs/rest-auth: "strictly increasing", at most 16 digits, microseconds advised). So:
// - microseconds since the epoch, so a restarted process starts above everything the previous one sent;
// - one source per key for the whole process, so two gateways sharing a key never interleave backwards;
// - a nonce error (10114 "nonce: small") means the request was refused before it was looked at, so it is
//   safe to sign again with a fresh nonce and resend, even an order: that covers a second process using the
//   same key, whose requests can reach Bitfinex in any order (see docs/gateways/bitfinex.md).
import { createHash } from 'node:crypto';

/** Bitfinex's error code for a nonce not above the last one. */
export const NONCE_ERROR_CODE = 10114;
/** Largest nonce Bitfinex accepts (16 digits, and within JavaScript's exact integers). */
const MAX_NONCE = Number.MAX_SAFE_INTEGER;

export class NonceSource {
  private last = 0;

  constructor(private readonly clockUs: () => number = () => Date.now() * 1000) {}

  next(): string {
    const n = Math.max(Math.floor(this.clockUs()), this.last + 1);
    if (n > MAX_NONCE) throw new Error('nonce overflow: the clock is beyond what Bitfinex accepts');
    this.last = n;
    return String(n);
  }

  /**
   * After Bitfinex refused a nonce as too small (another process with the key is ahead): move ahead by
   * `us` microseconds. Running ahead of the clock is harmless; nonces only have to increase.
   */
  skipAhead(us: number): void {
    this.last = Math.max(this.last, Math.floor(this.clockUs())) + Math.max(1, Math.floor(us));
  }

  /** The last nonce issued (0 before the first). */
  get current(): number {
    return this.last;
  }
}

const sources = new Map<string, NonceSource>();

/** The process-wide nonce source for an API key (keyed by a hash, so the key itself is not held twice). */
export function nonceSourceFor(apiKey: string): NonceSource {
  const id = createHash('sha256').update(apiKey).digest('hex');
  let s = sources.get(id);
  if (!s) sources.set(id, (s = new NonceSource()));
  return s;
}
