/**
 * The bad-input corpus: for each node, cases taken from the platform's document (required fields,
 * allowed values, lengths, formats, times, JSON fields, byte limits). Each case runs as a workflow
 * of three items with the bad value in the second: one node parameter reads `{{ $json.v }}`, items
 * 1 and 3 carry a good value, item 2 the bad one. Every item also carries a mark ("Corpus <case>
 * <n>") that the operation's good parameters put into the message, so what the simulator accepted
 * can be told apart per case and item.
 */
import type { IDataObject } from 'n8n-workflow';

export interface CorpusCase {
	/** What is wrong, in the document's terms. */
	why: string;
	/** The operation's good parameters (a key of the platform's `bases`). */
	base: string;
	/** The field the error must name ("Item 2, field "<field>": ..."). */
	field: string;
	/** Parameters merged into the base (deeply); the varied one reads {{ $json.v }}. */
	set: IDataObject;
	/** v in items 1 and 3 (a function gets the item's mark). */
	good: unknown;
	/** v in item 2. */
	bad: unknown;
}

export interface Corpus {
	/** The demo platform's key (test/sim/<key>.demo.ts) whose simulator and credential are used. */
	platform: string;
	/** This package's node type, e.g. "dingTalk". */
	node: string;
	bases: Record<string, IDataObject>;
	/** The demo credential (by id) a base needs instead of the platform's first one. */
	credentials?: Record<string, string>;
	cases: CorpusCase[];
}

/** The value of `{{ $json.v }}`. */
export const V = '={{ $json.v }}';
/** Text carrying the item's mark. */
export const MARK = '={{ $json.mark }}';
export const marked = (prefix: string) => `={{ "${prefix} " + $json.mark }}`;

/** "yyyy-MM-dd HH:mm:ss" in China time, `ms` from now. */
export function chinaTime(ms: number): string {
	return new Date(Date.now() + ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

function isPlain(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with `set` merged in (plain objects merged key by key, anything else replaced). */
export function merge(base: IDataObject, set: IDataObject): IDataObject {
	const out: IDataObject = { ...base };
	for (const [k, v] of Object.entries(set)) out[k] = isPlain(v) && isPlain(out[k]) ? merge(out[k] as IDataObject, v) : v;
	return out;
}

/** The three items of a case. */
export function caseItems(id: string, c: CorpusCase): IDataObject[] {
	return [1, 2, 3].map((n) => {
		const mark = `Corpus ${id} ${n}`;
		const v = n === 2 ? c.bad : typeof c.good === 'function' ? (c.good as (m: string) => unknown)(mark) : c.good;
		return { n, mark, v: v as IDataObject[keyof IDataObject] };
	});
}

/** The case and item numbers a message accepted by a simulator carries. */
export function marksIn(payload: unknown): Array<{ id: string; n: number }> {
	const found = new Set([...JSON.stringify(payload).matchAll(/Corpus (\w+) ([123])/g)].map((m) => `${m[1]} ${m[2]}`));
	return [...found].map((s) => ({ id: s.split(' ')[0], n: Number(s.split(' ')[1]) }));
}
