// The HK-licence token: Tiger issues it for a limited time and renews it through the `user_token_refresh`
// method (its reply's data is {token}). The token is base64 whose first 27 characters decode to
// "<issued ms>,<expires ms>" (as Tiger's Python SDK reads it in should_token_refresh), so its age is known
// without asking. Tiger's SDKs keep it in a file (tiger_openapi_token.properties, a `token=` line); the setting
// takes either the token itself or the path of such a file, and a renewed token is written back to the file so
// it outlives this session.
import fs from 'node:fs';
import path from 'node:path';
import { VntError, errorMessage } from '../../src/core/errors.js';

export interface TokenLifetime {
  issuedMs: number;
  expiresMs: number;
}

/** When the token was issued and when it expires, or undefined when it is not in Tiger's form. */
export function tokenLifetime(token: string): TokenLifetime | undefined {
  let head: string;
  try {
    head = Buffer.from(token, 'base64').subarray(0, 27).toString('latin1');
  } catch {
    return undefined;
  }
  const m = /^(\d{13}),(\d{13})$/.exec(head);
  if (!m) return undefined;
  const issuedMs = Number(m[1]);
  const expiresMs = Number(m[2]);
  return expiresMs > issuedMs ? { issuedMs, expiresMs } : undefined;
}

/** Renew once half of the token's life has gone: early enough that a failed renewal has days to be retried. */
export function shouldRenew(life: TokenLifetime, nowMs: number): boolean {
  return nowMs - life.issuedMs > (life.expiresMs - life.issuedMs) / 2;
}

/** A token in Tiger's form for `lifeMs` from `nowMs` (the simulator issues these). */
export function makeToken(nowMs: number, lifeMs: number, tail: string): string {
  return Buffer.from(`${nowMs},${nowMs + lifeMs}${tail}`, 'latin1').toString('base64');
}

const TOKEN_LINE = /^(\s*token\s*[=:]\s*)(.*)$/m;

/** Where the token comes from: the setting's text, or a token file that renewals are written back to. */
export class TokenStore {
  private constructor(
    private current: string,
    readonly file: string | undefined,
  ) {}

  /** The setting's value: a token, or the path of a file holding one (bare, or as a `token=` line). */
  static from(value: string): TokenStore {
    const v = value.trim();
    if (v === '') return new TokenStore('', undefined);
    const looksLikePath = v.includes(path.sep) || v.endsWith('.properties');
    if (!looksLikePath || !fs.existsSync(v)) return new TokenStore(v, undefined);
    let text: string;
    try {
      text = fs.readFileSync(v, 'utf8');
    } catch (error) {
      throw new VntError(`cannot read the token file ${v}: ${errorMessage(error)}`);
    }
    const token = (TOKEN_LINE.exec(text)?.[2] ?? text).trim();
    if (token === '') throw new VntError(`the token file ${v} holds no token`);
    return new TokenStore(token, v);
  }

  get token(): string {
    return this.current;
  }

  /** Takes a renewed token; written to the token file (0600, replaced whole) when there is one. */
  renew(token: string): void {
    this.current = token;
    if (!this.file) return;
    let text = '';
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      // Gone since connect: written anew below.
    }
    const next = TOKEN_LINE.test(text)
      ? text.replace(TOKEN_LINE, (_m, key: string) => `${key}${token}`)
      : `${token}\n`;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, next, { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      throw new VntError(`cannot write the renewed token to ${this.file}: ${errorMessage(error)}`);
    }
  }
}
