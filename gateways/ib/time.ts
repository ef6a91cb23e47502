// IB's date/time texts: "yyyymmdd hh:mm:ss[ zone]" (also with '-' between date and time, or two spaces),
// "yyyymmdd" for daily bars, and epoch seconds (formatDate 2, tick type 45). Zones are IANA names
// ("US/Eastern", "UTC"), converted with the platform's time-zone data.

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "yyyymmdd hh:mm:ss UTC", the form TWS accepts for request end times and reports executions in. */
export function formatIbTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`
  );
}

/** "yyyymmdd  hh:mm:ss" (two spaces, no zone): how TWS writes executions and bar times in its wall clock. */
export function formatIbWallTime(ms: number): string {
  const t = formatIbTime(ms);
  return `${t.slice(0, 8)}  ${t.slice(9, 17)}`;
}

export function formatIbDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/**
 * Epoch ms for an IB time text, or undefined when it is not one. A time without a zone is TWS's wall clock
 * (executions come as "20250415  19:38:31"): zonelessOffsetMs says how far that clock is ahead of UTC.
 */
export function parseIbTime(text: string, zonelessOffsetMs = 0): number | undefined {
  const s = text.trim();
  if (/^\d{9,10}$/.test(s)) return Number(s) * 1000;
  const m = /^(\d{4})(\d{2})(\d{2})(?:[ -]+(\d{2}):(\d{2}):(\d{2}))?(?:\s+(\S+))?$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', se = '0', zone] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (Number.isNaN(wall)) return undefined;
  if (zone === undefined) return wall - zonelessOffsetMs;
  const offset = zoneOffsetMs(zone, wall);
  if (offset === undefined) return undefined;
  // One correction step is exact except within the hour a DST change repeats or skips.
  return wall - (zoneOffsetMs(zone, wall - offset) ?? offset);
}

/**
 * How far TWS's clock runs ahead of UTC, from the connection time of the handshake ("20250323 22:21:01
 * Greenwich Mean Time": a zone name that is not an IANA one) and when it was received, to the quarter hour.
 */
export function twsClockOffsetMs(connectionTime: string, receivedAt: number): number {
  const m = /^(\d{4})(\d{2})(\d{2})[ -]+(\d{2}):(\d{2}):(\d{2})/.exec(connectionTime.trim());
  if (!m) return 0;
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  const quarter = 15 * 60_000;
  const offset = Number.isNaN(wall) ? 0 : Math.round((wall - receivedAt) / quarter) * quarter;
  // Zones span UTC-12..UTC+14; anything beyond is a wrong clock, not a zone, and is not applied.
  return Math.abs(offset) <= 14 * 3_600_000 ? offset : 0;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at the instant utcMs. */
function zoneOffsetMs(zone: string, utcMs: number): number | undefined {
  if (zone === 'UTC' || zone === 'GMT') return 0;
  let fmt = formats.get(zone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return undefined;
    }
    formats.set(zone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(utcMs))) parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(utcMs / 1000) * 1000;
}
