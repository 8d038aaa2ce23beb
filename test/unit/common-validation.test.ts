import { ItemFields, charLength, utf8Bytes } from '../../nodes/common/validation';
import { formatChinaTime, parseUserTime, sentTimeOutput } from '../../nodes/common/time';
import { fakeContext } from './support/fake-context';

const fields = (params = {}, itemIndex = 2) => new ItemFields(fakeContext({ params }) as never, itemIndex);
const failure = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected a validation error');
};

describe('ItemFields: every failure names the item (1-based) and the field', () => {
	it('text: required, characters, bytes, pattern', () => {
		const f = fields();
		expect(failure(() => f.text('', 'Title', { required: true }))).toBe('Item 3, field "Title": is required but empty');
		expect(f.text('中文标题', 'Title', { maxLength: 4 })).toBe('中文标题');
		expect(failure(() => f.text('中文标题!', 'Title', { maxLength: 4 }))).toContain('5 characters long; the platform allows at most 4');
		expect(failure(() => f.text('中文', 'Title', { maxBytes: 5 }))).toContain('6 bytes long in UTF-8');
		expect(failure(() => f.text('abc', 'Mobile', { pattern: /^\d+$/, patternText: 'digits' }))).toContain('"abc" is not digits');
		expect(f.text(12345, 'User ID')).toBe('12345');
	});

	it('oneOf, manyOf and list', () => {
		const f = fields();
		expect(failure(() => f.oneOf('X', 'Channel', ['A', 'B']))).toBe('Item 3, field "Channel": "X" is not one of the allowed values: A, B');
		expect(f.manyOf('A, B,A', 'Channels', ['A', 'B'])).toEqual(['A', 'B']);
		expect(failure(() => f.manyOf([], 'Channels', ['A']))).toContain('needs at least 1 value');
		expect(f.list('u1，u2;u3\nu4', 'Users')).toEqual(['u1', 'u2', 'u3', 'u4']);
	});

	it('json, integer and url', () => {
		const f = fields();
		expect(failure(() => f.json('[{"a":1}', 'Receivers (JSON)', 'array'))).toContain('Item 3, field "Receivers (JSON)": is not valid JSON');
		expect(failure(() => f.json('{"a":1}', 'Receivers (JSON)', 'array'))).toContain('must be a JSON array');
		expect(f.json([{ a: 1 }], 'R', 'array')).toEqual([{ a: 1 }]);
		expect(failure(() => f.integer('1.5', 'Count', { min: 1 }))).toContain('is not a whole number');
		expect(failure(() => f.integer(101, 'Count', { max: 100 }))).toContain('101 is more than 100');
		expect(failure(() => f.url('ftp://x', 'Link'))).toContain('is not an http:// or https:// address');
	});

	it('time: zones, the past, and the minimum lead time', () => {
		const f = fields();
		expect(failure(() => f.time('2020-01-01 08:00:00', 'Send At', { minAheadMs: 600_000 }))).toBe(
			'Item 3, field "Send At": "2020-01-01 08:00:00" (2020-01-01 08:00:00 China time) is in the past',
		);
		const soon = new Date(Date.now() + 5 * 60_000).toISOString();
		expect(failure(() => f.time(soon, 'Send At', { minAheadMs: 600_000 }))).toContain('less than 10 minutes from now');
		expect(failure(() => f.time('next tuesday', 'Send At'))).toContain('is not a date and time');
		const later = Date.now() + 3600_000;
		expect(f.time(new Date(later).toISOString(), 'Send At', { minAheadMs: 600_000 })).toBe(later);
	});

	it('yesNo: takes true/false and 1/0 in any form, refuses everything else', () => {
		const f = fields();
		for (const yes of [true, 1, '1', 'true', 'TRUE', ' yes ']) expect(f.yesNo(yes, 'Flag')).toBe(true);
		for (const no of [false, 0, '0', 'false', 'No']) expect(f.yesNo(no, 'Flag')).toBe(false);
		expect(f.yesNo('', 'Flag', false)).toBe(false);
		expect(f.yesNo(undefined, 'Flag', true)).toBe(true);
		for (const bad of ['maybe', 2, '2', {}, 'on']) {
			expect(failure(() => f.yesNo(bad, 'Flag'))).toContain('field "Flag"');
		}
		expect(failure(() => f.yesNo('', 'Flag'))).toContain('is not yes or no');
	});

	it('counts characters and UTF-8 bytes as the platforms do', () => {
		expect(charLength('a中😀')).toBe(3);
		expect(utf8Bytes('a中😀')).toBe(1 + 3 + 4);
	});
});

describe('China time', () => {
	it('formats any instant as yyyy-MM-dd HH:mm:ss in UTC+8', () => {
		expect(formatChinaTime(Date.UTC(2026, 0, 1, 16, 30, 5))).toBe('2026-01-02 00:30:05');
		expect(sentTimeOutput('2026-01-02 00:30:05')).toEqual({ sendTime: '2026-01-02 00:30:05', sendTimeIso: '2026-01-02T00:30:05+08:00' });
		expect(Date.parse(sentTimeOutput(formatChinaTime(Date.UTC(2026, 0, 1, 16, 30, 5))).sendTimeIso)).toBe(Date.UTC(2026, 0, 1, 16, 30, 5));
	});
	it('parseUserTime reads a time without zone in the zone it is given (China time by default)', () => {
		expect(parseUserTime('2026-01-02 00:30:05')).toBe(Date.UTC(2026, 0, 1, 16, 30, 5));
		expect(parseUserTime('2026-01-02 00:30:05', 'Asia/Shanghai')).toBe(Date.UTC(2026, 0, 1, 16, 30, 5));
		expect(parseUserTime('2026-07-01T12:00:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 1, 10, 0, 0));
		expect(parseUserTime('2026-01-01T00:00:00Z', 'Asia/Shanghai')).toBe(Date.UTC(2026, 0, 1));
		expect(parseUserTime('2026-02-30 10:00:00', 'Asia/Shanghai')).toBeNaN();
	});

	it('ItemFields.time reads a time typed without a zone as China time, whatever the workflow\'s time zone', () => {
		for (const timezone of ['America/New_York', 'Europe/London', 'Asia/Shanghai', 'Pacific/Auckland']) {
			const f = new ItemFields(fakeContext({ timezone }) as never, 0);
			// n8n's date picker gives "yyyy-MM-ddTHH:mm:ss" without a zone
			expect(f.time('2030-01-02T09:30:00', 'Send At')).toBe(Date.UTC(2030, 0, 2, 1, 30));
			expect(f.time('2030-07-02 09:30', 'Send At')).toBe(Date.UTC(2030, 6, 2, 1, 30));
			// a zone, an offset, a Date or a Luxon-like date object are the instant they name
			expect(f.time('2030-01-01T20:30:00-05:00', 'Send At')).toBe(Date.UTC(2030, 0, 2, 1, 30));
			expect(f.time('2030-01-02T01:30:00.000Z', 'Send At')).toBe(Date.UTC(2030, 0, 2, 1, 30));
			expect(f.time(new Date(Date.UTC(2030, 0, 2, 1, 30)), 'Send At')).toBe(Date.UTC(2030, 0, 2, 1, 30));
			expect(f.time({ toISO: () => '2030-01-02T09:30:00.000+08:00' }, 'Send At')).toBe(Date.UTC(2030, 0, 2, 1, 30));
		}
	});
});
