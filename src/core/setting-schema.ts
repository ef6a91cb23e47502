// A gateway's defaultSetting is a schema: it generates the connect form, validates saved files and form input,
// and says which values are secrets (masked on screen, redacted from logs, files written 0600).
import { SettingError } from './errors.js';

interface FieldBase {
  /** What the form shows; the key is used when absent. */
  label?: string;
  help?: string;
}

export interface StringField extends FieldBase {
  type: 'string';
  default: string;
}
export interface SecretField extends FieldBase {
  type: 'secret';
  default: string;
}
export interface IntegerField extends FieldBase {
  type: 'integer';
  default: number;
  min?: number;
  max?: number;
}
export interface ChoiceField extends FieldBase {
  type: 'choice';
  choices: readonly string[];
  default: string;
}
export interface BooleanField extends FieldBase {
  type: 'boolean';
  default: boolean;
}

export type SettingField = StringField | SecretField | IntegerField | ChoiceField | BooleanField;
export type SettingSchema = Readonly<Record<string, SettingField>>;
export type SettingValue = string | number | boolean;
export type GatewaySetting = Record<string, SettingValue>;

export function defaultsOf(schema: SettingSchema): GatewaySetting {
  const out: GatewaySetting = {};
  for (const [key, field] of Object.entries(schema)) out[key] = field.default;
  return out;
}

export function secretKeys(schema: SettingSchema): string[] {
  return Object.entries(schema)
    .filter(([, f]) => f.type === 'secret')
    .map(([k]) => k);
}

/** Checks and converts one value (form text or JSON value); throws SettingError naming the source and field. */
export function parseField(key: string, field: SettingField, value: unknown, source: string): SettingValue {
  const fail = (reason: string): never => {
    throw new SettingError(source, key, reason);
  };
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') fail(`must be a string, got ${describe(value)}`);
      return value as string;
    case 'secret':
      // Never echo a secret's value, even a wrongly typed one.
      if (typeof value !== 'string') fail(`must be a string, got ${value === null ? 'null' : typeof value}`);
      return value as string;
    case 'integer': {
      let n: number;
      if (typeof value === 'number') n = value;
      else if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) n = Number(value);
      else return fail(`must be a whole number, got ${describe(value)}`);
      if (!Number.isSafeInteger(n)) fail(`must be a whole number, got ${describe(value)}`);
      if (field.min !== undefined && n < field.min) fail(`must be at least ${field.min}, got ${n}`);
      if (field.max !== undefined && n > field.max) fail(`must be at most ${field.max}, got ${n}`);
      return n;
    }
    case 'choice':
      if (typeof value !== 'string' || !field.choices.includes(value)) {
        fail(`must be one of ${field.choices.join(', ')}, got ${describe(value)}`);
      }
      return value as string;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(`must be true or false, got ${describe(value)}`);
  }
}

/**
 * Validates a whole setting against the schema. Missing keys take their defaults; unknown keys are refused
 * (a typo in a hand-edited file should not be silently ignored).
 */
export function parseSetting(schema: SettingSchema, raw: unknown, source: string): GatewaySetting {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SettingError(source, '', `must hold a JSON object, got ${describe(raw)}`);
  }
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    // Own keys only: `"constructor" in schema` is true for every object, which let such keys pass unread.
    if (!Object.hasOwn(schema, key)) {
      throw new SettingError(
        source,
        key.length > 40 ? `${key.slice(0, 40)}…` : key,
        `is not a setting of this gateway (known: ${knownKeys(Object.keys(schema))})`,
      );
    }
  }
  const out: GatewaySetting = {};
  for (const [key, field] of Object.entries(schema)) {
    out[key] = Object.hasOwn(input, key) ? parseField(key, field, input[key], source) : field.default;
  }
  return out;
}

/**
 * The known keys for an error message, families of four or more (columns.ticks, columns.orders, …) as one
 * `columns.*`, so the message stays short as settings are added per console tab.
 */
function knownKeys(keys: readonly string[]): string {
  const family = (k: string): string => (k.includes('.') ? k.slice(0, k.indexOf('.')) : '');
  const size = new Map<string, number>();
  for (const k of keys) size.set(family(k), (size.get(family(k)) ?? 0) + 1);
  const out = new Set<string>();
  for (const k of keys) {
    const f = family(k);
    out.add(f && size.get(f)! >= 4 ? `${f}.*` : k);
  }
  return [...out].join(', ');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}
