/**
 * Lists that come in pages: n8n's Return All / Limit pair of fields, reading it, and the page loop.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemFields } from './validation';

/** Return All, then Limit (shown while Return All is off); `maxLimit` caps the Limit field. */
export function returnAllFields(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit === undefined ? {} : { maxValue: maxLimit }) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** How many results an item asks for: every one with Return All (Limit is then not read), else Limit. */
export function readMax(f: ItemFields, maxLimit?: number): number {
	if (f.yesNo(f.param('returnAll', false), 'Return All', false)) return Number.MAX_SAFE_INTEGER;
	return f.integer(f.param('limit', 50), 'Limit', maxLimit === undefined ? { min: 1 } : { min: 1, max: maxLimit });
}

/** One page of a list, and the list's total when the answer gives one. */
export interface Page {
	items: IDataObject[];
	total?: number;
}

/**
 * Asks for pages 1, 2, … of `size` (at most `pageSize`, fewer when fewer are wanted) until `max`
 * items, an empty page, or the total. A short page ends the list when there is no total, and also
 * with a total when `shortPageEnds` (else a server that caps the page size is paged on to the total).
 */
export async function collectPages(
	max: number,
	pageSize: number,
	fetch: (page: number, size: number) => Promise<Page>,
	shortPageEnds = false,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const size = Math.max(1, Math.min(max, pageSize));
	let fetched = 0;
	for (let page = 1; out.length < max; page++) {
		const { items, total } = await fetch(page, size);
		fetched += items.length;
		out.push(...items.slice(0, max - out.length));
		if (items.length === 0) break;
		if (total !== undefined && fetched >= total) break;
		if ((total === undefined || shortPageEnds) && items.length < size) break;
	}
	return out;
}
