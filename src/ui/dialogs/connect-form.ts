// The connect form, generated from a gateway's defaultSetting schema (VN Trader's ConnectDialog): one row per
// field, values loaded from and saved to connect_<gateway>.json. A secret is never shown: what was saved
// reads "(saved)", what is typed shows as bullets, and an untouched secret field keeps the saved value.
import type blessed from 'blessed';
import { errorMessage } from '../../core/errors.js';
import {
  defaultsOf,
  parseField,
  parseSetting,
  type GatewaySetting,
  type SettingField,
  type SettingSchema,
} from '../../core/setting-schema.js';
import type { TraderDir } from '../../core/settings.js';
import { LineInput, type Key } from '../keys.js';
import { fit } from '../text.js';
import { esc, paint } from '../theme.js';
import type { MouseEvent } from '../mouse.js';
import { dialogBox, isKey, pressedRow, type Layer, type LayerHost } from './layer.js';

interface Row {
  key: string;
  field: SettingField;
  input: LineInput;
  /** Choice index or boolean value for those field types. */
  choice: number;
  flag: boolean;
  /** Secret fields: the saved value (never drawn) and whether the person has typed a replacement. */
  saved: string;
  touched: boolean;
}

export class ConnectForm implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  private readonly rows: Row[];
  private current = 0;
  private error = '';

  constructor(
    private readonly host: LayerHost,
    private readonly gatewayName: string,
    private readonly schema: SettingSchema,
    private readonly traderDir: TraderDir | undefined,
    private readonly onConnect: (setting: GatewaySetting) => void,
  ) {
    let values = defaultsOf(schema);
    try {
      if (traderDir) values = traderDir.loadGatewaySetting(gatewayName, schema);
    } catch (error) {
      this.error = `saved settings ignored: ${errorMessage(error)}`;
    }
    this.rows = Object.entries(schema).map(([key, field]) => {
      const v = values[key] ?? field.default;
      const secret = field.type === 'secret';
      return {
        key,
        field,
        input: new LineInput(
          secret ? '' : field.type === 'string' || field.type === 'integer' ? String(v) : '',
        ),
        choice: field.type === 'choice' ? Math.max(0, field.choices.indexOf(String(v))) : 0,
        flag: v === true,
        saved: secret ? String(v) : '',
        touched: false,
      };
    });
    const height = Math.min(this.rows.length + 6, 30);
    this.box = dialogBox(host, `Connect ${gatewayName} (Enter connects, Esc cancels)`, 72, height);
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    const row = this.rows[this.current];
    if (isKey(key, 'escape')) {
      this.host.close(this);
    } else if (isKey(key, 'enter', 'return')) {
      this.submit();
    } else if (isKey(key, 'down', 'tab')) {
      this.current = (this.current + 1) % Math.max(1, this.rows.length);
    } else if (isKey(key, 'up', 'S-tab')) {
      this.current = (this.current - 1 + this.rows.length) % Math.max(1, this.rows.length);
    } else if (row?.field.type === 'choice') {
      const n = row.field.choices.length;
      if (isKey(key, 'left')) row.choice = (row.choice - 1 + n) % n;
      else if (isKey(key, 'right', 'space') || ch === ' ') row.choice = (row.choice + 1) % n;
    } else if (row?.field.type === 'boolean') {
      if (isKey(key, 'left', 'right', 'space') || ch === ' ') row.flag = !row.flag;
    } else if (row) {
      if (row.input.handle(ch, key) && row.field.type === 'secret') row.touched = true;
    }
    return true;
  }

  /** A click on a field moves to it (to type, toggle or choose with the keys). */
  handleMouse(event: MouseEvent): void {
    const row = pressedRow(this.box, event);
    if (row !== undefined && row < this.rows.length) this.current = row;
  }

  /** The values the form would connect with, checked against the schema. Throws a SettingError. */
  values(): GatewaySetting {
    const raw: GatewaySetting = {};
    for (const row of this.rows) {
      const f = row.field;
      const source = 'form';
      if (f.type === 'choice') raw[row.key] = f.choices[row.choice] ?? f.default;
      else if (f.type === 'boolean') raw[row.key] = row.flag;
      else if (f.type === 'secret') raw[row.key] = row.touched ? row.input.value : row.saved;
      else raw[row.key] = parseField(row.key, f, row.input.value, source);
    }
    return parseSetting(this.schema, raw, 'form');
  }

  private submit(): void {
    let setting: GatewaySetting;
    try {
      setting = this.values();
    } catch (error) {
      this.error = errorMessage(error);
      return;
    }
    try {
      this.traderDir?.saveGatewaySetting(this.gatewayName, this.schema, setting);
    } catch (error) {
      this.error = `could not save: ${errorMessage(error)}`;
      return;
    }
    this.host.close(this);
    this.onConnect(setting);
  }

  draw(): void {
    const th = this.host.theme;
    const inner = Math.max(20, (this.box.width as number) - 2);
    const labelW = Math.min(
      24,
      Math.max(...this.rows.map((r) => (r.field.label ?? r.key).length + r.field.type.length + 3), 8),
    );
    const lines = this.rows.map((row, i) => {
      const active = i === this.current;
      const f = row.field;
      const name = fit(`${f.label ?? row.key} <${f.type}>`, labelW);
      let value: string;
      if (f.type === 'choice') value = `‹ ${esc(f.choices[row.choice] ?? '')} ›`;
      else if (f.type === 'boolean') value = row.flag ? '[x] yes' : '[ ] no';
      else if (f.type === 'secret') {
        value =
          row.touched || !row.saved
            ? row.input.render(active, true)
            : paint('•••••• (saved; type to replace)', th.muted);
        if (active && !row.touched && row.saved) value = `{inverse} {/inverse}${value}`;
      } else value = row.input.render(active);
      return `${active ? `{inverse}${esc(name)}{/inverse}` : paint(esc(name), th.muted)} ${value}`;
    });
    const help = this.rows[this.current]?.field.help;
    lines.push('');
    if (this.error) lines.push(paint(esc(fit('✗ ' + this.error, inner)), th.error));
    else if (help) lines.push(paint(esc(fit(help, inner)), th.muted));
    this.box.setContent(lines.join('\n'));
  }

  destroy(): void {
    this.box.destroy();
  }
}
