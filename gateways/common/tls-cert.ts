// A throwaway self-signed certificate for loopback TLS (a venue simulator's TLS server, the RPC service's TLS
// test), made with openssl: valid one day, for 127.0.0.1 and localhost. Clients trust it as their CA.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ThrowawayCert {
  cert: string;
  key: string;
  /** Path of the certificate file (what a client is told to trust). */
  certFile: string;
  keyFile: string;
  dir: string;
  remove(): void;
}

/** Writes cert.pem and key.pem into `dir` (a new temporary folder when absent). */
export function makeThrowawayCert(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vnt-tls-'))): ThrowawayCert {
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
    keyFile,
    dir,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
