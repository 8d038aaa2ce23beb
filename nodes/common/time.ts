/**
 * Times as the Chinese platforms want them: "yyyy-MM-dd HH:mm:ss" in China Standard Time
 * (UTC+8, no daylight saving), whatever the n8n instance's or the workflow's time zone is.
 */

/** The platforms' time zone: a time typed without a zone is read in it. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

function pad(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

/** Offset (ms) of a time zone from UTC at a given instant, from Intl (no library needed). */
function zoneOffsetMs(timeZone: string, at: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(at));
	const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * Reads a time a user gave: an ISO string with an offset or Z, an n8n/Luxon date object (both
 * taken as the instant they name), or a time without zone ("2026-01-02 08:00",
 * "2026-01-02T08:00:00", what n8n's date picker gives) taken in `timeZone` (China time unless
 * told otherwise). Returns the instant in ms, or NaN when it is not a time.
 */
export function parseUserTime(value: unknown, timeZone: string = CHINA_TIME_ZONE): number {
	if (value instanceof Date) return value.getTime();
	if (value && typeof value === 'object' && 'toISO' in value) {
		const iso = (value as { toISO: () => string }).toISO();
		return Date.parse(iso);
	}
	if (typeof value !== 'string' || value.trim() === '') return NaN;
	const s = value.trim();
	const m = NAIVE.exec(s);
	if (m) {
		const [y, mo, d, h, mi, se] = m.slice(1, 7).map((x) => Number(x ?? 0));
		const wall = Date.UTC(y, mo - 1, d, h, mi, se);
		const check = new Date(wall);
		if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) {
			return NaN;
		}
		let offset: number;
		try {
			offset = zoneOffsetMs(timeZone, wall);
			offset = zoneOffsetMs(timeZone, wall - offset);
		} catch {
			return NaN;
		}
		return wall - offset;
	}
	if (!/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return NaN;
	return Date.parse(s);
}

/** "yyyy-MM-dd HH:mm:ss" in China Standard Time. */
export function formatChinaTime(ms: number): string {
	const d = new Date(ms + CHINA_OFFSET_MS);
	return (
		`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
	);
}

/**
 * What an output says about a scheduled send: `sendTime` as the platform got it (China time) and
 * the same instant as ISO 8601 with its offset, so nobody has to guess the zone.
 */
export function sentTimeOutput(sendTime: string): { sendTime: string; sendTimeIso: string } {
	return { sendTime, sendTimeIso: `${sendTime.replace(' ', 'T')}+08:00` };
}
