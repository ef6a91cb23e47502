// Where vnt keeps its files, and the settings files themselves. Every file is validated against a schema
// on read: a malformed or invalid file is an error naming the file and the field, and is never overwritten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from './conf.js';
import { SettingError } from './errors.js';
import {
  parseSetting,
  secretKeys,
  type GatewaySetting,
  type SettingField,
  type SettingSchema,
} from './setting-schema.js';

export const TRADER_DIR_NAME = '.vntrader';

/** `--trader-dir` if given, else `.vntrader` in the working directory if it exists, else in the home directory. */
export function resolveTraderDir(options: { override?: string; cwd?: string; home?: string } = {}): string {
  if (options.override) return path.resolve(options.override);
  const local = path.join(options.cwd ?? process.cwd(), TRADER_DIR_NAME);
  if (isDirectory(local)) return local;
  return path.join(options.home ?? os.homedir(), TRADER_DIR_NAME);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The console's tables, each with a setting per tab (columns.<tab>, sort.<tab>). */
export const CONSOLE_TABS = ['ticks', 'active', 'orders', 'trades', 'positions', 'accounts', 'log'] as const;

/** One console string setting per tab, `<prefix>.<tab>`, empty by default; %s in the label names the tab. */
function perTab<P extends string>(
  prefix: P,
  label: string,
): { [K in `${P}.${(typeof CONSOLE_TABS)[number]}`]: { type: 'string'; default: ''; label: string } } {
  return Object.fromEntries(
    CONSOLE_TABS.map((tab) => [
      `${prefix}.${tab}`,
      { type: 'string', default: '', label: `Console: ${label.replace('%s', tab)}` },
    ]),
  ) as { [K in `${P}.${(typeof CONSOLE_TABS)[number]}`]: { type: 'string'; default: ''; label: string } };
}

/** The global settings (vt_setting.json), described with the same schema type as a gateway's connect form. */
export const GLOBAL_SCHEMA = {
  locale: { type: 'choice', choices: ['en', 'zh'], default: 'en', label: 'Language of labels' },
  theme: { type: 'string', default: 'dark', label: 'Theme name (a file in themes/)' },
  'log.active': { type: 'boolean', default: true },
  'log.level': {
    type: 'choice',
    choices: ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'],
    default: 'INFO',
  },
  'log.console': { type: 'boolean', default: false },
  'log.file': { type: 'boolean', default: true },
  'event.timerInterval': { type: 'integer', default: 1, min: 1, max: 60 },
  'rpc.host': { type: 'string', default: '127.0.0.1' },
  'rpc.port': { type: 'integer', default: 2014, min: 0, max: 65535 },
  'rpc.tlsCert': { type: 'string', default: '' },
  'rpc.tlsKey': { type: 'string', default: '' },
  'rpc.insecure': { type: 'boolean', default: false },
  'rpc.maxClients': { type: 'integer', default: 64, min: 1, max: 10_000, label: 'RPC clients at most' },
  'alert.bell': { type: 'boolean', default: true, label: 'Console: ring the terminal bell on alerts' },
  'alert.fills': { type: 'boolean', default: true, label: 'Console: alert on fills of your orders' },
  'alert.rejections': {
    type: 'boolean',
    default: true,
    label: 'Console: alert on rejections of your orders',
  },
  'ui.mouse': {
    type: 'boolean',
    default: true,
    label: 'Console: act on mouse clicks and the wheel (off: the terminal selects text as usual)',
  },
  ...perTab('columns', 'columns hidden on the %s tab (titles, comma-separated)'),
  ...perTab('sort', 'sort of the %s tab at the last exit (a column title, "desc" after it for ▼)'),
  ...perTab('filter', 'filter text of the %s tab at the last exit'),
  ...perTab('select', 'the selected row of the %s tab at the last exit (its key)'),
  'workspace.view': {
    type: 'string',
    default: 'tables',
    label:
      "Console: the view at the last exit (tables; ladder: the ticket's listing's ladder; chart: workspace.chart's)",
  },
  'workspace.chart': {
    type: 'string',
    default: '',
    label:
      'Console: the last candle chart (gateway.vtSymbol, interval, and "live" or the ISO time of the newest bar in view)',
  },
  'workspace.tab': { type: 'string', default: 'ticks', label: 'Console: the tab in view at the last exit' },
  'workspace.ticket': {
    type: 'string',
    default: '',
    label: "Console: the ticket's listing at the last exit (gateway.vtSymbol)",
  },
  'workspace.subscriptions': {
    type: 'string',
    default: '',
    label: 'Console: listings with tick rows at the last exit (gateway.vtSymbol, comma-separated)',
  },
} as const satisfies SettingSchema;

export type GlobalSettings = {
  -readonly [K in keyof typeof GLOBAL_SCHEMA]: (typeof GLOBAL_SCHEMA)[K]['default'] extends boolean
    ? boolean
    : (typeof GLOBAL_SCHEMA)[K]['default'] extends number
      ? number
      : string;
};

export const GLOBAL_SETTING_FILE = 'vt_setting.json';

export function connectFileName(gatewayName: string): string {
  return `connect_${gatewayName.toLowerCase()}.json`;
}

export class TraderDir {
  constructor(readonly root: string) {}

  /** A path inside the trader dir. */
  file(name: string): string {
    return path.join(this.root, name);
  }

  /** A folder inside the trader dir, created (0700) if missing. */
  folder(name: string): string {
    const p = path.join(this.root, name);
    fs.mkdirSync(p, { recursive: true, mode: 0o700 });
    return p;
  }

  ensure(): void {
    fs.mkdirSync(this.root, { recursive: true, mode: 0o700 });
  }

  loadGatewaySetting(gatewayName: string, schema: SettingSchema): GatewaySetting {
    return this.load(connectFileName(gatewayName), schema);
  }

  saveGatewaySetting(gatewayName: string, schema: SettingSchema, setting: GatewaySetting): void {
    this.save(connectFileName(gatewayName), schema, setting);
  }

  loadGlobal(): GlobalSettings {
    return this.load(GLOBAL_SETTING_FILE, GLOBAL_SCHEMA) as GlobalSettings;
  }

  saveGlobal(settings: GlobalSettings): void {
    this.save(GLOBAL_SETTING_FILE, GLOBAL_SCHEMA, settings);
  }

  /** Reads and validates a settings file; a missing file gives the defaults (and is not created). */
  load(fileName: string, schema: SettingSchema): GatewaySetting {
    const file = this.file(fileName);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseSetting(schema, {}, file);
      throw new SettingError(file, '', `cannot be read: ${(error as Error).message}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new SettingError(file, '', `is not valid JSON (${jsonFault(text, error)}); fix or delete it`);
    }
    return parseSetting(schema, raw, file);
  }

  /**
   * Validates and writes a settings file atomically through conf. Files holding a secret are created 0600
   * (and tightened to 0600 if they already exist).
   */
  save(fileName: string, schema: SettingSchema, setting: GatewaySetting): void {
    const file = this.file(fileName);
    const valid = parseSetting(schema, setting, file);
    this.ensure();
    const hasSecret = secretKeys(schema).length > 0;
    const store = new Conf<GatewaySetting>({
      cwd: this.root,
      configName: fileName.replace(/\.json$/, ''),
      fileExtension: 'json',
      projectSuffix: '',
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
      configFileMode: hasSecret ? 0o600 : 0o644,
      schema: toJsonSchema(schema),
      serialize: (value) => JSON.stringify(value, null, 4) + '\n',
    } as ConstructorParameters<typeof Conf<GatewaySetting>>[0]);
    store.store = valid;
    if (hasSecret) fs.chmodSync(file, 0o600);
  }
}

/**
 * Where JSON.parse gave up, without its excerpt of the text: V8 quotes the characters around the fault
 * ("Unexpected token 's', ...\"secret\": sk-live-9f\"..."), which in a connect file is often the secret.
 */
function jsonFault(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
  }
  if (/^Unexpected end/.test(message)) return 'the text ends too soon';
  // "Unexpected token 'x', ..."excerpt"... is not valid JSON": keep only that a character was unexpected.
  return 'an unexpected character (a value not in double quotes?)';
}

type JsonSchema = Record<string, unknown>;

function toJsonSchema(schema: SettingSchema): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [key, field] of Object.entries(schema)) out[key] = fieldSchema(field);
  return out;
}

function fieldSchema(field: SettingField): JsonSchema {
  switch (field.type) {
    case 'string':
    case 'secret':
      return { type: 'string' };
    case 'integer':
      return {
        type: 'integer',
        ...(field.min !== undefined ? { minimum: field.min } : {}),
        ...(field.max !== undefined ? { maximum: field.max } : {}),
      };
    case 'choice':
      return { type: 'string', enum: [...field.choices] };
    case 'boolean':
      return { type: 'boolean' };
  }
}
