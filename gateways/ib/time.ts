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

export function formatIbDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** Epoch ms for an IB time text, or undefined when it is not one. Times without a zone are taken as UTC. */
export function parseIbTime(text: string, defaultZone = 'UTC'): number | undefined {
  const s = text.trim();
  if (/^\d{9,10}$/.test(s)) return Number(s) * 1000;
  const m = /^(\d{4})(\d{2})(\d{2})(?:[ -]+(\d{2}):(\d{2}):(\d{2}))?(?:\s+(\S+))?$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', se = '0', zone = defaultZone] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (Number.isNaN(wall)) return undefined;
  const offset = zoneOffsetMs(zone, wall);
  if (offset === undefined) return undefined;
  // One correction step is exact except within the hour a DST change repeats or skips.
  return wall - (zoneOffsetMs(zone, wall - offset) ?? offset);
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
