// Themes are data: every shipped file must load with every colour role, and NO_COLOR must win.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadTheme, THEME_KEYS, themeNames } from '../../src/ui/theme.js';

test('the four shipped themes load with every colour role', () => {
  assert.equal(themeNames(), ['dark', 'high-contrast', 'light', 'mono']);
  for (const name of themeNames()) {
    const theme = loadTheme(name, {});
    assert.is(theme.name, name);
    for (const key of THEME_KEYS) assert.type(theme[key], 'string', `${name}.${key}`);
  }
  assert.ok(loadTheme('dark', {}).long !== '', 'the default theme has colours');
  assert.ok(
    THEME_KEYS.every((k) => loadTheme('mono', {})[k] === ''),
    'mono has none',
  );
});

test('NO_COLOR selects the colourless theme whatever was asked for', () => {
  assert.is(loadTheme('dark', { NO_COLOR: '1' }).name, 'mono');
  assert.is(loadTheme('light', { NO_COLOR: '1' }).long, '');
  assert.throws(
    () => loadTheme('neon', { NO_COLOR: '1' }),
    /no theme named "neon"/,
    'a typo is still a typo',
  );
});

test('an unknown or malformed theme name is refused with the choices', () => {
  assert.throws(
    () => loadTheme('neon', {}),
    /no theme named "neon" \(available: dark, high-contrast, light, mono\)/,
  );
  assert.throws(() => loadTheme('../package', {}), /not valid/);
});

test.run();
