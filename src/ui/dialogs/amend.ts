// `a` on a working order: a new price and/or volume, checked by MainEngine.amendOrder like a new order. Where
// the venue amends in place the order keeps its id; elsewhere the engine cancels it and sends the rest anew.
import type blessed from 'blessed';
import { label } from '../../core/labels.js';
import type { GatewayCapabilities } from '../../core/gateway.js';
import type { OrderData } from '../../core/object.js';
import { LineInput, type Key } from '../keys.js';
import { parseNumber } from '../ticket.js';
import { esc, paint } from '../theme.js';
import { dialogBox, isKey, type Layer, type LayerHost } from './layer.js';

export interface AmendValues {
  price?: number;
  volume?: number;
}

/** How the venue amends: in place (same id), replaced in one step under a new id, or cancelled and sent anew. */
export type AmendMode = 'in place' | 'replace' | 'cancel and replace';

/** How an order is amended, by its gateway's capabilities for the contract. */
export function amendModeOf(caps: GatewayCapabilities): AmendMode {
  if (caps.amend !== true) return 'cancel and replace';
  return caps.amendReplaces === true ? 'replace' : 'in place';
}

export class AmendDialog implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  private readonly price: LineInput;
  private readonly volume: LineInput;
  private field: 'price' | 'volume' = 'price';
  private error = '';

  constructor(
    private readonly host: LayerHost,
    private readonly order: OrderData,
    private readonly mode: AmendMode,
    private readonly onAmend: (values: AmendValues) => void,
  ) {
    this.price = new LineInput(String(order.price));
    this.volume = new LineInput(String(order.volume));
    this.box = dialogBox(host, `Amend ${order.vtOrderid} (Enter amends, Esc cancels)`, 60, 9);
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (isKey(key, 'escape')) this.host.close(this);
    else if (isKey(key, 'up', 'down', 'tab', 'S-tab'))
      this.field = this.field === 'price' ? 'volume' : 'price';
    else if (isKey(key, 'enter', 'return')) this.submit();
    else {
      this.error = '';
      (this.field === 'price' ? this.price : this.volume).handle(ch, key);
    }
    return true;
  }

  private submit(): void {
    const price = parseNumber(this.price.value);
    const volume = parseNumber(this.volume.value);
    if (price === undefined) return void (this.error = `price "${this.price.value}" is not a number`);
    if (volume === undefined) return void (this.error = `volume "${this.volume.value}" is not a number`);
    const values: AmendValues = {};
    if (price !== this.order.price) values.price = price;
    if (volume !== this.order.volume) values.volume = volume;
    if (values.price === undefined && values.volume === undefined) {
      this.error = 'nothing changed';
      return;
    }
    this.host.close(this);
    this.onAmend(values);
  }

  draw(): void {
    const th = this.host.theme;
    const o = this.order;
    const row = (name: 'price' | 'volume', input: LineInput): string => {
      const active = this.field === name;
      const title = name === 'price' ? 'Price ' : 'Volume';
      return ` ${active ? `{inverse}${title}{/inverse}` : paint(title, th.muted)}  ${input.render(active, false, 30)}`;
    };
    const lines = [
      ` ${esc(`${label('Direction', o.direction)} ${o.vtSymbol}, ${o.traded} of ${o.volume} traded`)}`,
      row('price', this.price),
      row('volume', this.volume),
      paint(
        esc(
          this.mode === 'in place'
            ? ' amended in place: the order keeps its id'
            : this.mode === 'replace'
              ? ' replaced by the venue in one step: the rest goes on under a new id'
              : ' this venue cannot amend: cancelled, then the rest sent anew',
        ),
        th.muted,
      ),
      this.error ? paint(esc(` ✗ ${this.error}`), th.error) : '',
    ];
    this.box.setContent(lines.join('\n'));
  }

  destroy(): void {
    this.box.destroy();
  }
}
