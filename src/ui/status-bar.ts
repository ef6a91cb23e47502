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
  const right = `${formatRate(eventsPerSecond)} ev/s  ${clock} `;
  // Each gateway's state in words when there is room, else its mark alone (● connected, ◌ on the way, ○ down).
  let left = '';
  for (const words of [true, false]) {
    const parts = [...gateways].map(([name, s]) => {
      const state = words ? `${MARK[s.status]} ${s.status.toLowerCase()}` : MARK[s.status];
      return `${esc(name)} ${paint(state, statusColour(s.status, theme))}`;
    });
    left = ` ${bold('vnt')}  ${parts.length ? parts.join('  ') : paint('no gateway', theme.muted)}`;
    if (plainWidth(left) + right.length < width) break;
  }
  const gap = Math.max(1, width - plainWidth(left) - right.length);
  return left + ' '.repeat(gap) + paint(right, theme.muted);
}

function plainWidth(tagged: string): number {
  return displayWidth(tagged.replace(/\{[^}]*\}/g, ''));
}
