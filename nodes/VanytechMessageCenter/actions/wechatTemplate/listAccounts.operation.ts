import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Only Available',
		name: 'onlyAvailable',
		type: 'boolean',
		default: false,
		description: 'Whether to leave out official accounts whose status is 2 (unavailable)',
	},
];

export const listAccounts: Operation<{ onlyAvailable: boolean }> = {
	description,
	prepare(f) {
		return { onlyAvailable: f.yesNo(f.param('onlyAvailable'), 'Only Available', false) };
	},
	async execute(t, { onlyAvailable }, i) {
		const answer = await t.call<VanytechAnswer<IDataObject[]>>(ROUTES.listAccounts, {}, i);
		const list = Array.isArray(answer.resultData) ? answer.resultData : [];
		return list
			.filter((a) => !onlyAvailable || String(a.status) === '1')
			.map((a) => ({ ...a, available: String(a.status) === '1' }));
	},
};
