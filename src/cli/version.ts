import fs from 'node:fs';

/** Read at run time so that a build never carries a stale version. */
export function readVersion(): string {
  const file = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}
