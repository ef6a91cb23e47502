// Turns log events into lines on the console and in a daily file under <trader dir>/log/, with every
// registered secret redacted before anything is written.
import fs from 'node:fs';
import path from 'node:path';
import { LogLevel } from './constant.js';
import type { EventEngine } from './event.js';
import type { LogData } from './object.js';
import { redact } from './redact.js';

export interface LogEngineOptions {
  level: LogLevel;
  /** Write lines to this stream (stdout for headless runs); none for the console UI, which has its panel. */
  console?: NodeJS.WritableStream;
  /** Folder for the daily files vt_YYYYMMDD.log; none disables the file. */
  folder?: string;
}

export function levelFromName(name: string): LogLevel {
  const level = (LogLevel as unknown as Record<string, LogLevel | undefined>)[name.toUpperCase()];
  return typeof level === 'number' ? level : LogLevel.INFO;
}

export function formatLogLine(log: LogData): string {
  const d = new Date(log.datetime);
  const stamp = `${ymd(d, '-')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(
    d.getMilliseconds(),
  ).padStart(3, '0')}`;
  const source = log.gatewayName ? ` [${log.gatewayName}]` : '';
  return `${stamp} ${LogLevel[log.level] ?? log.level}${source} ${redact(log.msg)}`;
}

export class LogEngine {
  readonly engineName = 'log';
  private fileDay = '';
  private fd: number | undefined;

  constructor(
    eventEngine: EventEngine,
    private readonly options: LogEngineOptions,
  ) {
    eventEngine.register('log', (e) => this.write(e.data));
  }

  write(log: LogData): void {
    if (log.level < this.options.level) return;
    const line = formatLogLine(log) + '\n';
    this.options.console?.write(line);
    if (this.options.folder) this.writeFile(line, new Date(log.datetime));
  }

  private writeFile(line: string, when: Date): void {
    const day = ymd(when, '');
    if (day !== this.fileDay || this.fd === undefined) {
      this.closeFile();
      fs.mkdirSync(this.options.folder!, { recursive: true, mode: 0o700 });
      this.fd = fs.openSync(path.join(this.options.folder!, `vt_${day}.log`), 'a', 0o600);
      this.fileDay = day;
    }
    fs.writeSync(this.fd, line);
  }

  private closeFile(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  close(): void {
    this.closeFile();
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function ymd(d: Date, sep: string): string {
  return `${d.getFullYear()}${sep}${pad(d.getMonth() + 1)}${sep}${pad(d.getDate())}`;
}
