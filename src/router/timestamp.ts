/**
 * IOS timestamps on the unset clock. Virtual time 0 is `*Mar  1 00:00:00.000` 1993 (a Monday): the
 * leading `*` says the clock was never set, as on a router that has just booted without NTP.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** 1993-03-01T00:00:00Z in ms since the epoch (pure arithmetic, no wall clock is read). */
const EPOCH_MS = Date.UTC(1993, 2, 1);

function parts(virtualMs: number) {
  const d = new Date(EPOCH_MS + Math.floor(virtualMs));
  return {
    month: MONTHS[d.getUTCMonth()]!,
    day: d.getUTCDate(),
    weekday: DAYS[d.getUTCDay()]!,
    year: d.getUTCFullYear(),
    hh: String(d.getUTCHours()).padStart(2, '0'),
    mm: String(d.getUTCMinutes()).padStart(2, '0'),
    ss: String(d.getUTCSeconds()).padStart(2, '0'),
    ms: String(d.getUTCMilliseconds()).padStart(3, '0'),
  };
}

/** `*Mar  1 00:03:28.803` — the `service timestamps debug datetime msec` prefix (without the colon). */
export function iosLogTimestamp(virtualMs: number): string {
  const p = parts(virtualMs);
  return `*${p.month} ${String(p.day).padStart(2, ' ')} ${p.hh}:${p.mm}:${p.ss}.${p.ms}`;
}

/** `*00:03:46.887 UTC Mon Mar 1 1993` — `show clock`. */
export function iosShowClock(virtualMs: number): string {
  const p = parts(virtualMs);
  return `*${p.hh}:${p.mm}:${p.ss}.${p.ms} UTC ${p.weekday} ${p.month} ${p.day} ${p.year}`;
}

/** IOS uptime / age format: `00:01:26` under a day, `1d02h` under a week, `2w3d` beyond. */
export function iosDuration(ms: number): string {
  const totalS = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(totalS / 86400);
  const h = Math.floor((totalS % 86400) / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  if (d === 0) return `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  if (d < 7) return `${d}d${pad2(h)}h`;
  return `${Math.floor(d / 7)}w${d % 7}d`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
