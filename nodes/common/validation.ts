import type { IDataObject, INode } from 'n8n-workflow';
import { isObject } from './answers';
import { invalidInput } from './errors';
import type { RowsOrJsonSpec, VariablesSpec } from './fields';
import { CHINA_TIME_ZONE, formatChinaTime, parseUserTime } from './time';

export interface TextRules {
	required?: boolean;
	/** Most characters (Unicode code points) allowed. */
	maxLength?: number;
	/** Most UTF-8 bytes allowed. */
	maxBytes?: number;
	/** A regular expression the whole value must match, and how to say it when it does not. */
	pattern?: RegExp;
	patternText?: string;
}

interface ParameterSource {
	getNode(): INode;
	getNodeParameter(name: string, itemIndex: number, fallbackValue?: unknown): unknown;
	/** The workflow's time zone; times are read in China time whatever it is (see time()). */
	getTimezone?(): string;
}

/** Characters in a string as a person counts them (code points, so 中 and 😀 count as one). */
export function charLength(s: string): number {
	return [...s].length;
}

export function utf8Bytes(s: string): number {
	let n = 0;
	for (const ch of s) {
		const c = ch.codePointAt(0) ?? 0;
		n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	}
	return n;
}

/** A value as it appears in an error message: quoted text, shortened. */
function describe(value: unknown): string {
	const s = typeof value === 'string' ? (value.length > 60 ? `${value.slice(0, 57)}...` : value) : JSON.stringify(value);
	if (s === undefined) return String(value);
	return typeof value === 'string' ? `"${s}"` : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Reads and checks one item's input. Every failure throws an error that names the item and the
 * field; nothing is sent for an item whose input does not pass.
 */
export class ItemFields {
	constructor(
		readonly ctx: ParameterSource,
		readonly itemIndex: number,
	) {}

	fail(label: string, problem: string, hint?: string): never {
		throw invalidInput(this.ctx.getNode(), this.itemIndex, label, problem, hint);
	}

	/** A node parameter of this item (expressions resolved). */
	param<T = unknown>(name: string, fallback?: T): T {
		return this.ctx.getNodeParameter(name, this.itemIndex, fallback) as T;
	}

	/**
	 * A resource locator's value (the ID, whether picked "From list", typed "By ID" or given by an
	 * expression). A plain value, as workflows saved before the field was a locator hold it, is taken as it is.
	 */
	locator(name: string): unknown {
		const value = this.param<unknown>(name, '');
		return isObject(value) && value.__rl === true ? value.value : value;
	}

	/** Text: numbers are taken as text; empty counts as missing. */
	text(value: unknown, label: string, rules: TextRules = {}): string {
		if (value === undefined || value === null) value = '';
		if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
		if (typeof value !== 'string') this.fail(label, `must be text, got ${describe(value)}`);
		const s = value as string;
		if (s.trim() === '') {
			if (rules.required) this.fail(label, 'is required but empty');
			return '';
		}
		if (rules.maxLength !== undefined && charLength(s) > rules.maxLength) {
			this.fail(label, `is ${charLength(s)} characters long; the platform allows at most ${rules.maxLength}`);
		}
		if (rules.maxBytes !== undefined && utf8Bytes(s) > rules.maxBytes) {
			this.fail(label, `is ${utf8Bytes(s)} bytes long in UTF-8; the platform allows at most ${rules.maxBytes}`);
		}
		if (rules.pattern && !rules.pattern.test(s)) {
			this.fail(label, `${describe(s)} is not ${rules.patternText ?? `in the form ${rules.pattern}`}`);
		}
		return s;
	}

	/** One of the documented values. */
	oneOf<T extends string>(value: unknown, label: string, allowed: readonly T[]): T {
		const s = typeof value === 'number' ? String(value) : value;
		if (typeof s !== 'string' || !allowed.includes(s as T)) {
			this.fail(label, `${describe(value)} is not one of the allowed values: ${allowed.join(', ')}`);
		}
		return s as T;
	}

	/**
	 * A yes/no value: true/false, 1/0 (numbers or text) and the texts "true"/"false", "yes"/"no".
	 * Anything else is refused, so an expression that yields an unexpected value never turns into
	 * "yes". Empty gives `fallback` (or is refused when there is none).
	 */
	yesNo(value: unknown, label: string, fallback?: boolean): boolean {
		if (typeof value === 'boolean') return value;
		if (value === 1 || value === 0) return value === 1;
		if (typeof value === 'string') {
			const s = value.trim().toLowerCase();
			if (['true', '1', 'yes'].includes(s)) return true;
			if (['false', '0', 'no'].includes(s)) return false;
		}
		if ((value === undefined || value === null || value === '') && fallback !== undefined) return fallback;
		return this.fail(label, `${describe(value)} is not yes or no (use true/false or 1/0)`);
	}

	/** Several of the documented values (an array, or a comma-separated text). */
	manyOf<T extends string>(value: unknown, label: string, allowed: readonly T[], min = 1): T[] {
		const list = this.list(value, label);
		for (const v of list) this.oneOf(v, label, allowed);
		if (list.length < min) this.fail(label, `needs at least ${min} value${min > 1 ? 's' : ''}`);
		return [...new Set(list)] as T[];
	}

	/** A list of texts from an array, or from text separated by commas, semicolons or new lines. */
	list(value: unknown, label: string, separators: RegExp = /[,;\n，；]/): string[] {
		if (value === undefined || value === null || value === '') return [];
		const raw = Array.isArray(value)
			? value
			: typeof value === 'string' || typeof value === 'number'
				? String(value).split(separators)
				: this.fail(label, `must be a list or comma-separated text, got ${describe(value)}`);
		return raw.map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : this.fail(label, `contains ${describe(v)}, which is not text`))).filter((v) => v !== '');
	}

	integer(value: unknown, label: string, range: { min?: number; max?: number } = {}): number {
		const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof n !== 'number' || !Number.isInteger(n)) this.fail(label, `${describe(value)} is not a whole number`);
		const num = n as number;
		if (range.min !== undefined && num < range.min) this.fail(label, `${num} is less than ${range.min}`);
		if (range.max !== undefined && num > range.max) this.fail(label, `${num} is more than ${range.max}`);
		return num;
	}

	/** JSON given as text or already as an object/array (from an expression). */
	json(value: unknown, label: string, kind: 'array' | 'object'): unknown {
		let parsed = value;
		if (typeof value === 'string') {
			if (value.trim() === '') this.fail(label, `is required but empty (expected a JSON ${kind})`);
			try {
				parsed = JSON.parse(value);
			} catch (error) {
				this.fail(label, `is not valid JSON: ${(error as Error).message}`);
			}
		}
		if (kind === 'array' && !Array.isArray(parsed)) this.fail(label, `must be a JSON array, got ${describe(parsed)}`);
		if (kind === 'object' && !isObject(parsed)) {
			this.fail(label, `must be a JSON object, got ${describe(parsed)}`);
		}
		return parsed;
	}

	/** An http(s) URL. */
	url(value: unknown, label: string, rules: TextRules = {}): string {
		const s = this.text(value, label, rules);
		if (s === '') return s;
		if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s)) this.fail(label, `${describe(s)} is not an http:// or https:// address`);
		return s;
	}

	/**
	 * A time given in the node; returns epoch ms. A time without a zone (n8n's date picker,
	 * "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm") is China time, whatever the workflow's time zone:
	 * the platforms run on it and their users type it. ISO text with an offset or Z and n8n date
	 * objects are the instant they name. `minAheadMs` demands it be that far in the future.
	 */
	time(value: unknown, label: string, rules: { required?: boolean; minAheadMs?: number } = {}): number | undefined {
		if (value === undefined || value === null || value === '') {
			if (rules.required) this.fail(label, 'is required but empty');
			return undefined;
		}
		const ms = parseUserTime(value, CHINA_TIME_ZONE);
		if (Number.isNaN(ms)) {
			this.fail(label, `${describe(value)} is not a date and time (use the date picker, yyyy-MM-dd HH:mm:ss in China time, or ISO 8601 with a zone)`);
		}
		if (rules.minAheadMs !== undefined && ms < Date.now() + rules.minAheadMs) {
			const minutes = Math.round(rules.minAheadMs / 60000);
			const read = `${describe(value)} (${formatChinaTime(ms)} China time)`;
			this.fail(
				label,
				ms < Date.now() ? `${read} is in the past` : `${read} is less than ${minutes} minutes from now; the platform requires more`,
			);
		}
		return ms;
	}

	/**
	 * The rows of a list given row by row or as JSON (see rowsOrJsonFields), each with the label
	 * its errors should name ("Receivers row 2", "Receivers (JSON) entry 2"). Every row must be
	 * an object; an empty list is refused.
	 */
	rowsOrJson(spec: Pick<RowsOrJsonSpec, 'name' | 'displayName' | 'rowName'>): Array<{ row: IDataObject; label: string }> {
		const json = this.isJson(spec.name);
		const rows = json
			? (this.json(this.param(`${spec.name}Json`), `${spec.displayName} (JSON)`, 'array') as unknown[])
			: this.rows(this.param(spec.name), spec.rowName);
		if (rows.length === 0) this.fail(spec.displayName, 'needs at least one entry');
		return rows.map((row, n) => {
			const label = json ? `${spec.displayName} (JSON) entry ${n + 1}` : `${spec.displayName} row ${n + 1}`;
			if (!row || typeof row !== 'object' || Array.isArray(row)) this.fail(label, `is ${describe(row)}, not an object`);
			return { row: row as IDataObject, label };
		});
	}

	/** Whether `<name>Input` (see inputModeField) says the value is given as JSON. */
	isJson(name: string): boolean {
		return this.param<string>(`${name}Input`, 'fields') === 'json';
	}

	/**
	 * Named values (see variablesFields), from rows or a JSON object: names unique and not empty,
	 * values text or numbers (numbers given by expressions stay numbers).
	 */
	variables(spec: Pick<VariablesSpec, 'name' | 'displayName'>): Record<string, string | number> {
		const out: Record<string, string | number> = {};
		if (this.isJson(spec.name)) {
			const label = `${spec.displayName} (JSON)`;
			const value = this.param<unknown>(`${spec.name}Json`, '{}');
			const data = this.json(value === '' ? '{}' : value, label, 'object') as IDataObject;
			for (const [name, v] of Object.entries(data)) {
				if (name.trim() === '') this.fail(label, 'has an empty variable name');
				if (typeof v !== 'string' && typeof v !== 'number') {
					this.fail(label, `the value of "${name}" must be text or a number, got ${describe(v)}, which is not text`);
				}
				out[name] = v;
			}
			return out;
		}
		this.rows(this.param(spec.name, {}), 'variable').forEach((row, n) => {
			const label = `${spec.displayName} row ${n + 1}`;
			const name = this.text(row.name, `${label} Name`, { required: true }).trim();
			if (name in out) this.fail(`${label} Name`, `"${name}" is given twice`);
			out[name] = typeof row.value === 'number' ? row.value : this.text(row.value, `${label} Value`);
		});
		return out;
	}

	/** Rows of a fixedCollection parameter ({ rows: [...] } in n8n's shape), as plain objects. */
	rows(value: unknown, key: string): IDataObject[] {
		if (!value || typeof value !== 'object') return [];
		const rows = (value as IDataObject)[key];
		return Array.isArray(rows) ? (rows as IDataObject[]) : [];
	}
}
