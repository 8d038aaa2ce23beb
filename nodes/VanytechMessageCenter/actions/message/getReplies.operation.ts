import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { readMax, returnAllFields } from '../../../common/paging';
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
	...returnAllFields(100),
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
		return { max: readMax(f, 100) };
	},
	async execute(t, { max }, i) {
		return await readReplies(t, max, i);
	},
};
