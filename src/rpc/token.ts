// The shared secret every RPC client presents. Generated once into the trader dir (0600) and handed to remote
// clients by hand; compared in constant time; never logged.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const TOKEN_FILE = 'rpc_token';

export interface LoadedToken {
  token: string;
  file: string;
  /** True when this call generated it. */
  created: boolean;
  /** Set when the file was readable by others and has been tightened to 0600. */
  tightened: boolean;
}

/** Reads <dir>/rpc_token, creating it (0600, 256 random bits) if missing. */
export function loadOrCreateToken(dir: string): LoadedToken {
  const file = path.join(dir, TOKEN_FILE);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if the file exists, so two servers starting at once cannot overwrite each other's token.
    const token = crypto.randomBytes(32).toString('base64url');
    fs.writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
    return { token, file, created: true, tightened: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const token = fs.readFileSync(file, 'utf8').trim();
  if (token.length < 16) {
    throw new Error(`${file} holds no usable token (under 16 characters); delete it to generate a new one`);
  }
  let tightened = false;
  if ((fs.statSync(file).mode & 0o077) !== 0) {
    fs.chmodSync(file, 0o600);
    tightened = true;
  }
  return { token, file, created: false, tightened };
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function tokenMatches(expected: string, given: string): boolean {
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}
