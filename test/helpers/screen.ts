// A blessed screen that draws into nothing, for testing widgets without a terminal.
import { PassThrough, Writable } from 'node:stream';
import blessed from 'blessed';

export function offscreen(columns = 80, rows = 24): blessed.Widgets.Screen {
  const output = new Writable({ write: (_c, _e, cb) => cb() }) as Writable & {
    columns: number;
    rows: number;
    isTTY: boolean;
  };
  output.columns = columns;
  output.rows = rows;
  output.isTTY = true;
  return blessed.screen({
    input: new PassThrough(),
    output: output as never,
    terminal: 'xterm',
    fullUnicode: true,
    forceUnicode: true,
    warnings: false,
  });
}
