import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Combine Items: items whose message is the same except for the recipients go out in as few calls
 * as the platform's per-call limits allow. An operation whose platform takes many recipients in one
 * call declares `combine: combineLists({...})` (where the recipient lists sit in its prepared body,
 * and the most of each a call takes); the router then offers the option on it and the run loop
 * sends combined calls. Every input item still gets its own output item, paired to it, carrying the
 * platform's answer to the call that delivered it.
 */

/** One list of recipients in the prepared body, by its path: `userid_list`, or `receiverData.*` for every key under receiverData. */
export interface RecipientList {
	/** How the platform takes the list: an array (default), comma-separated text, or a JSON array as text. */
	format?: 'array' | 'csv' | 'json';
	/** The most entries one call takes (documented), if any. */
	max?: number;
}

/** How an operation's items combine (see combineLists). */
export interface CombineSpec<P> {
	/** The recipients of an item by kind, or undefined when it must go alone (e.g. "to everyone"). */
	recipients(prepared: P): Record<string, unknown[]> | undefined;
	/** The item's call without its recipients: items whose rest is identical are combined. */
	rest(prepared: P): unknown;
	/** The call of `prepared`'s message to these recipients. */
	merge(prepared: P, recipients: Record<string, unknown[]>): P;
	/** The most recipients of each kind one call takes; `*` caps all kinds together. */
	limits(prepared: P, perCall: number): Record<string, number>;
	/** The platform documents no per-call maximum: offer "Most Recipients Per Call" (this default). */
	perCallDefault?: number;
	/** The output item of one combined item from the call's output (default: the call's output as it is). */
	output?(callOutput: IDataObject, prepared: P): IDataObject;
}

type Body = IDataObject;

function readList(value: unknown, format: RecipientList['format']): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	if (format === 'csv') return String(value).split(',').filter((v) => v !== '');
	if (format === 'json') return typeof value === 'string' ? (JSON.parse(value) as unknown[]) : (value as unknown[]);
	return Array.isArray(value) ? value : [value];
}

function writeList(list: unknown[], format: RecipientList['format']): Body[string] {
	if (format === 'csv') return list.join(',');
	if (format === 'json') return JSON.stringify(list);
	return list as Body[string];
}

/** Every recipient list of a body by kind (`receiverData.*` expands to one kind per key). */
function listsOf(body: Body, paths: Record<string, RecipientList>): Array<{ kind: string; parent: string | undefined; key: string; spec: RecipientList }> {
	const out: Array<{ kind: string; parent: string | undefined; key: string; spec: RecipientList }> = [];
	for (const [path, spec] of Object.entries(paths)) {
		if (path.endsWith('.*')) {
			const parent = path.slice(0, -2);
			const holder = body[parent];
			if (holder && typeof holder === 'object' && !Array.isArray(holder)) {
				for (const key of Object.keys(holder)) out.push({ kind: `${parent}.${key}`, parent, key, spec });
			}
		} else {
			out.push({ kind: path, parent: undefined, key: path, spec });
		}
	}
	return out;
}

/**
 * The usual declaration: the recipients are lists in `prepared.body` (paths as in RecipientList),
 * everything else in the body is the message. `alone` names items that must not be combined.
 */
export function combineLists<P extends { body: Body }>(
	paths: Record<string, RecipientList>,
	more: Partial<Pick<CombineSpec<P>, 'output' | 'perCallDefault'>> & {
		alone?(prepared: P): boolean;
		/** Limits that depend on the message (replace the paths' max). */
		limits?(prepared: P): Record<string, number> | undefined;
	} = {},
): CombineSpec<P> {
	return {
		recipients(p) {
			if (more.alone?.(p)) return undefined;
			const found: Record<string, unknown[]> = {};
			for (const l of listsOf(p.body, paths)) {
				const holder = l.parent === undefined ? p.body : (p.body[l.parent] as Body);
				found[l.kind] = readList(holder[l.key], l.spec.format);
			}
			return found;
		},
		rest(p) {
			const body: Body = { ...p.body };
			for (const path of Object.keys(paths)) delete body[path.endsWith('.*') ? path.slice(0, -2) : path];
			return { ...p, body };
		},
		merge(p, recipients) {
			const body: Body = { ...p.body };
			for (const path of Object.keys(paths)) if (path.endsWith('.*')) body[path.slice(0, -2)] = {};
			for (const [kind, list] of Object.entries(recipients)) {
				const dot = kind.indexOf('.');
				const parent = dot >= 0 && paths[`${kind.slice(0, dot)}.*`] ? kind.slice(0, dot) : undefined;
				const spec = parent ? paths[`${parent}.*`] : paths[kind];
				const value = writeList(list, spec?.format);
				if (parent) (body[parent] as Body)[kind.slice(dot + 1)] = value;
				else if (list.length) body[kind] = value;
				else delete body[kind];
			}
			return { ...p, body };
		},
		limits(p, perCall) {
			const limits: Record<string, number> = { ...(more.limits?.(p) ?? {}) };
			for (const [path, spec] of Object.entries(paths)) if (spec.max !== undefined && limits[path] === undefined) limits[path] = spec.max;
			if (more.perCallDefault !== undefined) limits['*'] = perCall;
			return limits;
		},
		perCallDefault: more.perCallDefault,
		output: more.output,
	};
}

/** One call of a run: the items it serves and what it sends. */
export interface Call<P> {
	items: number[];
	value: P;
}

/** A key that is the same for equal values whatever the order of object keys. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as IDataObject).filter(([, v]) => v !== undefined);
		return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'undefined';
}

function kindOf(limits: Record<string, number>, kind: string): number | undefined {
	if (limits[kind] !== undefined) return limits[kind];
	const dot = kind.indexOf('.');
	return dot >= 0 ? limits[`${kind.slice(0, dot)}.*`] : undefined;
}

interface Open<P> {
	items: number[];
	first: P;
	lists: Record<string, Map<string, unknown>>;
	total: number;
}

/** Whether these recipients fit into an open call without breaking a limit. */
function fits<P>(open: Open<P>, add: Record<string, Array<[string, unknown]>>, limits: Record<string, number>): boolean {
	let total = open.total;
	for (const [kind, list] of Object.entries(add)) {
		const have = open.lists[kind];
		const fresh = new Set(list.filter(([key]) => !have?.has(key)).map(([key]) => key)).size;
		const max = kindOf(limits, kind);
		if (max !== undefined && (have?.size ?? 0) + fresh > max) return false;
		total += fresh;
	}
	return limits['*'] === undefined || total <= limits['*'];
}

/** Open calls tried for an item (the newest ones): first fit among them. */
const TRIED = 8;

/** Reads the node's "Combine Items" options (first item). */
export function combineChoice(ctx: IExecuteFunctions, spec: CombineSpec<unknown> | undefined): { on: boolean; perCall: number } {
	if (!spec) return { on: false, perCall: 0 };
	const on = ctx.getNodeParameter('options.combineItems', 0, false) === true;
	const perCall = Number(ctx.getNodeParameter('options.recipientsPerCall', 0, spec.perCallDefault ?? 0));
	return { on, perCall: Number.isFinite(perCall) && perCall >= 1 ? Math.floor(perCall) : (spec.perCallDefault ?? 1) };
}

/**
 * The calls of a run: one per prepared item, or, with Combine Items, items of the same message
 * gathered (in input order) into calls that stay within the limits. An item never splits over calls.
 */
export function callsOf<P>(spec: CombineSpec<P> | undefined, on: boolean, perCall: number, prepared: Array<{ index: number; value: P }>): Array<Call<P>> {
	if (!spec || !on) return prepared.map(({ index, value }) => ({ items: [index], value }));
	const calls: Array<Call<P> | Open<P>> = [];
	const openByRest = new Map<string, Array<Open<P>>>();
	for (const { index, value } of prepared) {
		const recipients = spec.recipients(value);
		if (!recipients) {
			calls.push({ items: [index], value });
			continue;
		}
		const keyed = Object.fromEntries(Object.entries(recipients).map(([kind, list]) => [kind, list.map((r): [string, unknown] => [canonical(r), r])]));
		const rest = canonical(spec.rest(value));
		const limits = spec.limits(value, perCall);
		const opens = openByRest.get(rest) ?? [];
		openByRest.set(rest, opens);
		let open = opens.slice(-TRIED).find((o) => fits(o, keyed, limits));
		if (!open) {
			open = { items: [], first: value, lists: {}, total: 0 };
			opens.push(open);
			calls.push(open);
		}
		open.items.push(index);
		for (const [kind, list] of Object.entries(keyed)) {
			const map = (open.lists[kind] ??= new Map());
			for (const [key, r] of list) {
				if (!map.has(key)) open.total++;
				map.set(key, r);
			}
		}
	}
	return calls.map((c) => {
		if (!('first' in c)) return c;
		if (c.items.length === 1) return { items: c.items, value: c.first };
		const lists = Object.fromEntries(Object.entries(c.lists).map(([kind, map]) => [kind, [...map.values()]]));
		return { items: c.items, value: spec.merge(c.first, lists) };
	});
}

/** The output items of one item of a (possibly combined) call. */
export function outputOf<P>(spec: CombineSpec<P> | undefined, on: boolean, call: Call<P>, prepared: P, out: IDataObject): IDataObject {
	if (!spec || !on) return out;
	const own = spec.output ? spec.output(out, prepared) : { ...out };
	return { ...own, combinedItems: call.items.length };
}

/** The options Combine Items adds to an operation's Options collection. */
export function withCombineOptions(description: INodeProperties[], spec: CombineSpec<unknown>): INodeProperties[] {
	const added: INodeProperties[] = [
		{
			displayName: 'Combine Items',
			name: 'combineItems',
			type: 'boolean',
			default: false,
			description:
				'Whether to send items whose message is the same except for the recipients in as few calls as the platform allows (fewer calls, less quota). Every item still gets its own output item, with the ID of the call that delivered it.',
		},
	];
	if (spec.perCallDefault !== undefined) {
		const perCall: INodeProperties = {
			displayName: 'Most Recipients Per Call',
			name: 'recipientsPerCall',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description: 'With Combine Items: the most recipients one combined call may name. The platform documents no maximum.',
		};
		added.push({ ...perCall, default: spec.perCallDefault });
	}
	const index = description.findIndex((p) => p.name === 'options' && p.type === 'collection');
	if (index < 0) {
		return [...description, { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: added }];
	}
	const options = [...((description[index].options as INodeProperties[]) ?? []), ...added].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return description.map((p, k) => (k === index ? { ...p, options } : p));
}
