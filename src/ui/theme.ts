// Colour themes: JSON files in themes/ (one per name), each colour a blessed colour name or #rrggbb, '' for the
// terminal's default. NO_COLOR (https://no-color.org) forces the colourless theme whatever was asked for.
import fs from 'node:fs';
import blessed from 'blessed';
import { VntError } from '../core/errors.js';

export const THEME_KEYS = [
  'fg',
  'border',
  'focus',
  'header',
  'muted',
  'accent',
  'long',
  'short',
  'up',
  'down',
  'bid',
  'ask',
  'ok',
  'warn',
  'error',
] as const;

export type ThemeColour = (typeof THEME_KEYS)[number];
export type Theme = { readonly name: string } & Readonly<Record<ThemeColour, string>>;

export const MONO_THEME_NAME = 'mono';

const THEMES_DIR = new URL('../../../themes/', import.meta.url);

export function themeNames(): string[] {
  try {
    return fs
      .readdirSync(THEMES_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Reads and checks themes/<name>.json; a missing or malformed file is an error naming it. With NO_COLOR the
 * name is still checked (a typo should not go unnoticed), but the colourless theme is what comes back.
 */
export function loadTheme(name: string, env: NodeJS.ProcessEnv = process.env): Theme {
  const theme = readTheme(name);
  return env.NO_COLOR && name !== MONO_THEME_NAME ? readTheme(MONO_THEME_NAME) : theme;
}

function readTheme(wanted: string): Theme {
  if (!/^[a-z0-9-]+$/i.test(wanted)) throw new VntError(`theme name "${wanted}" is not valid`);
  const file = new URL(`${wanted}.json`, THEMES_DIR);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new VntError(`no theme named "${wanted}" (available: ${themeNames().join(', ')})`);
    }
    throw new VntError(`theme file ${wanted}.json is not valid JSON: ${(error as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object') throw new VntError(`theme ${wanted}.json must hold an object`);
  const obj = raw as Record<string, unknown>;
  const theme: Record<string, string> = { name: wanted };
  for (const key of THEME_KEYS) {
    const value = obj[key] ?? '';
    if (
      typeof value !== 'string' ||
      !(value === '' || /^#[0-9a-f]{6}$/i.test(value) || isColourName(value))
    ) {
      throw new VntError(
        `theme ${wanted}.json: "${key}" must be a colour name (${COLOUR_NAMES.join(', ')}) or #rrggbb, got ${JSON.stringify(value)}`,
      );
    }
    theme[key] = value.toLowerCase();
  }
  return theme as Theme;
}

/** The colour names blessed knows (its style options and, spelt as tagName() does, its tags). */
const COLOUR_NAMES = Object.keys(
  (blessed as unknown as { colors: { colorNames: Record<string, number> } }).colors.colorNames,
).filter((n) => !['default', 'normal', 'bg', 'fg'].includes(n));

function isColourName(value: string): boolean {
  return COLOUR_NAMES.includes(value.toLowerCase());
}

/**
 * A colour as a blessed tag spells it. Style options accept "brightgreen", but tags only "bright-green"
 * ({brightgreen-fg} is printed as it stands), so the 16-colour bright/light names get their dash here.
 */
export function tagColour(colour: string): string {
  const m = /^(bright|light)(black|red|green|yellow|blue|magenta|cyan|white|grey|gray)$/.exec(colour);
  return m ? `${m[1]}-${m[2]}` : colour;
}

/** Escapes blessed tag braces in text that comes from data (a contract name, a log message). */
export function esc(text: string): string {
  return blessed.escape(text);
}

/** Wraps already-escaped text in a foreground colour tag; no tag at all for the colourless ''. */
export function paint(text: string, colour: string): string {
  if (!colour) return text;
  const tag = tagColour(colour);
  return `{${tag}-fg}${text}{/${tag}-fg}`;
}

export function bold(text: string): string {
  return `{bold}${text}{/bold}`;
}
