// CONTRACT_DATA's tradingHours and liquidHours as a trader reads them, in the venue's time zone (timeZoneId).
// TWS words them per day, days apart by ';', a day's sessions by ',': before TWS 970 "20090507:0700-1830,
// 1830-2330;20090508:CLOSED", from 970 with the date on both ends, "20180323:0400-20180323:2000" (IB's
// contract details page). Days are shown as "Fri 03-23 04:00-20:00"; a session ending on a later day says so.

/** How many days the panel shows (TWS may send a month). */
const DAYS_SHOWN = 3;

interface Day {
  date: string;
  sessions: string[];
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function dayLabel(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(4, 6));
  const d = Number(date.slice(6, 8));
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${date.slice(4, 6)}-${date.slice(6, 8)}`;
}

const clock = (hhmm: string): string => `${hhmm.slice(0, 2)}:${hhmm.slice(2, 4)}`;

/** The days of one schedule, or undefined when it is not in either documented form. */
export function parseSchedule(text: string): Day[] | undefined {
  const days: Day[] = [];
  for (const dayText of text.split(';').map((s) => s.trim())) {
    if (!dayText) continue;
    const head = /^(\d{8}):(.*)$/.exec(dayText);
    if (!head) return undefined;
    const date = head[1]!;
    const day: Day = { date, sessions: [] };
    if (head[2]!.trim().toUpperCase() !== 'CLOSED') {
      // The first session carries the day's date already split off; later ones may repeat it (970+).
      for (const part of head[2]!.split(',')) {
        const s = /^(?:(\d{8}):)?(\d{4})-(?:(\d{8}):)?(\d{4})$/.exec(part.trim());
        if (!s) return undefined;
        const endDate = s[3] ?? s[1] ?? date;
        const startDate = s[1] ?? date;
        const later = endDate !== startDate ? ` (${dayLabel(endDate)})` : '';
        day.sessions.push(`${clock(s[2]!)}-${clock(s[4]!)}${later}`);
      }
    }
    days.push(day);
  }
  return days.length ? days : undefined;
}

function scheduleText(days: readonly Day[]): string {
  const shown = days
    .slice(0, DAYS_SHOWN)
    .map((d) => `${dayLabel(d.date)} ${d.sessions.length ? d.sessions.join(',') : 'closed'}`);
  return shown.join('; ') + (days.length > DAYS_SHOWN ? '; …' : '');
}

/**
 * The contract's trading hours for the info panel: the trading sessions, the liquid (regular) sessions where
 * they differ, and the venue's time zone; undefined when TWS sent none or a form this parser does not know.
 */
export function tradingHoursText(trading: string, liquid: string, timeZoneId: string): string | undefined {
  const all = parseSchedule(trading);
  if (!all) return undefined;
  const zone = timeZoneId.trim() ? ` (${timeZoneId.trim()})` : '';
  let text = scheduleText(all) + zone;
  const regular = parseSchedule(liquid);
  if (regular) {
    const liquidText = scheduleText(regular);
    if (liquidText !== scheduleText(all)) text += ` — liquid ${liquidText}`;
  }
  return text;
}
