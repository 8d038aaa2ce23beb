import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import type { Transport } from '../../../common/transport';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';

export const repliesNotice: INodeProperties = {
	displayName:
		'The platform deletes the replies it returns: each reply is delivered once, to whichever workflow reads it first. Use either this operation or the Vanytech Message Center Trigger for an application, not both.',
	name: 'repliesNotice',
	type: 'notice',
	default: '',
};

export const description: INodeProperties[] = [
	repliesNotice,
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
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** Reads replies, 100 at a time while the platform has more (it deletes what it returns). */
export async function readReplies(t: Transport, max: number, itemIndex?: number): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (;;) {
		const count = Math.min(100, max - out.length);
		if (count <= 0) break;
		const answer = await t.call<VanytechAnswer<IDataObject[]>>(ROUTES.getReplies, { count: String(count) }, itemIndex);
		const batch = Array.isArray(answer.resultData) ? answer.resultData : [];
		out.push(...batch);
		if (batch.length < count) break;
	}
	return out;
}

export const getReplies: Operation<{ max: number }> = {
	description,
	prepare(f) {
		if (f.yesNo(f.param('returnAll'), 'Return All', false)) return { max: Number.MAX_SAFE_INTEGER };
		return { max: f.integer(f.param('limit', 50), 'Limit', { min: 1, max: 100 }) };
	},
	async execute(t, { max }, i) {
		return await readReplies(t, max, i);
	},
};
