import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../../../common/options';
import { readMax, returnAllFields } from '../../../common/paging';
import type { Operation } from '../../../common/run';
import { FILTERS_FIELD, LIST_FIELD, STATE_FIELD, listOptions, outboxQuery, queryOutbox } from './outbox';

export const description: INodeProperties[] = [
	{
		displayName:
			'Lists the outbox (查询发件箱). Each message is returned as the platform gives it: the public document does not show the answer\'s fields, so whether read and reply counts are included depends on your edition.',
		name: 'outboxNotice',
		type: 'notice',
		default: '',
	},
	STATE_FIELD,
	...returnAllFields(),
	FILTERS_FIELD,
	optionsCollection([LIST_FIELD]),
];

interface Prepared {
	query: IDataObject;
	max: number;
	listField: string;
}

export const getSentMessages: Operation<Prepared> = {
	description,
	prepare(f) {
		const max = readMax(f);
		const { listField } = listOptions(f);
		return { query: outboxQuery(f, f.param<IDataObject>('filters', {}), f.param('state', 1)), max, listField };
	},
	async execute(t, { query, max, listField }, i) {
		return await queryOutbox(t, query, max, i, listField);
	},
};
