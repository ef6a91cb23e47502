// A throwaway self-signed certificate for the simulator's TLS push server, made with openssl (as the RPC TLS
// test does): valid one day, for 127.0.0.1 and localhost. The gateway trusts it through its pushCa setting.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ThrowawayCert {
  cert: string;
  key: string;
  /** Path of the certificate file (for the gateway's pushCa setting). */
  certFile: string;
  dir: string;
  remove(): void;
}

export function makeThrowawayCert(): ThrowawayCert {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-tiger-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return {
    cert: fs.readFileSync(certFile, 'utf8'),
    key: fs.readFileSync(keyFile, 'utf8'),
    certFile,
    dir,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
