// The top line: each gateway's connection state, the event rate and the clock.
import { GatewayStatus } from '../core/constant.js';
import { displayWidth } from './text.js';
import { bold, esc, paint, type Theme } from './theme.js';

export interface GatewayState {
  status: GatewayStatus;
  message: string;
}

const MARK: Record<GatewayStatus, string> = {
  [GatewayStatus.CONNECTED]: '●',
  [GatewayStatus.CONNECTING]: '◌',
  [GatewayStatus.RECONNECTING]: '◌',
  [GatewayStatus.DISCONNECTED]: '○',
};

export function statusColour(status: GatewayStatus, theme: Theme): string {
  switch (status) {
    case GatewayStatus.CONNECTED:
      return theme.ok;
    case GatewayStatus.DISCONNECTED:
      return theme.error;
    default:
      return theme.warn;
  }
}

/** Events per second as a short figure: 850, 12.3k. */
export function formatRate(perSecond: number): string {
  if (perSecond < 1000) return String(Math.round(perSecond));
  return `${(perSecond / 1000).toFixed(1)}k`;
}

export function statusLine(
  gateways: ReadonlyMap<string, GatewayState>,
  eventsPerSecond: number,
  clock: string,
  width: number,
  theme: Theme,
): string {
  const parts = [...gateways].map(
    ([name, s]) =>
      `${esc(name)} ${paint(`${MARK[s.status]} ${s.status.toLowerCase()}`, statusColour(s.status, theme))}`,
  );
  const left = ` ${bold('vnt')}  ${parts.length ? parts.join('  ') : paint('no gateway', theme.muted)}`;
  const right = `${formatRate(eventsPerSecond)} ev/s  ${clock} `;
  const plainLeft = left.replace(/\{[^}]*\}/g, '');
  const gap = Math.max(1, width - displayWidth(plainLeft) - right.length);
  return left + ' '.repeat(gap) + paint(right, theme.muted);
}
