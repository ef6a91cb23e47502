// The config file the OES/MDS SDK reads at OesApi_InitAll / MdsApi_InitAll, written by the gateway into the
// trader dir with mode 0600 (it holds the password). Section and key names as the SDK's sample
// oes_client.conf uses them: [oes_client] ordServer/rptServer/qryServer/username/password/heartBtInt,
// driverId (the hard-disk serial, "客户端硬盘序列号", since 0.15.9_u1), [mds_client] tcpServer/qryServer. A
// value with a line break or a comment character is refused: it could inject another key.
import fs from 'node:fs';
import path from 'node:path';

export interface OesSdkConfig {
  username: string;
  password: string;
  ordServer: string;
  rptServer: string;
  qryServer: string;
  mdTcpServer: string;
  mdQryServer: string;
  /** The hard-disk serial (VN Trader's hdd_serial); empty: the library reads the machine's own. */
  driverId?: string;
  heartBtInt?: number;
}

/** OES_MAX_DRIVER_ID_LEN (oes_base_model.h) is 21 with the terminating NUL. */
export const MAX_DRIVER_ID_LENGTH = 20;

function driverId(v: string): string {
  const id = value('driverId', v);
  if (!/^[\x21-\x7e]*$/.test(id) || id.length > MAX_DRIVER_ID_LENGTH) {
    throw new Error(
      `OES setting "hdd_serial" must be at most ${MAX_DRIVER_ID_LENGTH} printable ASCII characters`,
    );
  }
  return id;
}

export const CONFIG_FILE_NAME = 'oes_client.conf';

function value(name: keyof OesSdkConfig, v: string): string {
  // The message names the field, never its value (the password).
  if (/[\r\n#;]/.test(v)) throw new Error(`OES setting "${name}" must not contain a line break, "#" or ";"`);
  return v.trim();
}

/** The server keys take "<count> <url>": one address each. */
const server = (name: keyof OesSdkConfig, url: string) => `1 ${value(name, url)}`;

export function sdkConfigText(c: OesSdkConfig): string {
  return [
    '[oes_client]',
    `ordServer = ${server('ordServer', c.ordServer)}`,
    `rptServer = ${server('rptServer', c.rptServer)}`,
    `qryServer = ${server('qryServer', c.qryServer)}`,
    `username = ${value('username', c.username)}`,
    `password = ${value('password', c.password)}`,
    `heartBtInt = ${c.heartBtInt ?? 30}`,
    `driverId = ${driverId(c.driverId ?? '')}`,
    '',
    '[mds_client]',
    `tcpServer = ${server('mdTcpServer', c.mdTcpServer)}`,
    `qryServer = ${server('mdQryServer', c.mdQryServer)}`,
    `username = ${value('username', c.username)}`,
    `password = ${value('password', c.password)}`,
    `heartBtInt = ${c.heartBtInt ?? 30}`,
    '',
  ].join('\n');
}

/** Writes the config (0600, also when the file already existed with wider permissions); returns its path. */
export function writeSdkConfig(dir: string, c: OesSdkConfig): string {
  const text = sdkConfigText(c);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, CONFIG_FILE_NAME);
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
