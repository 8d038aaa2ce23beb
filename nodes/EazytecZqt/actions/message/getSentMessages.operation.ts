import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { FILTERS, LIST_FIELD, STATE_FIELD, outboxQuery, queryOutbox } from './outbox';

export const description: INodeProperties[] = [
	{
		displayName:
			'Lists the outbox (查询发件箱). Each message is returned as the platform gives it: the public document does not show the answer\'s fields, so whether read and reply counts are included depends on your edition.',
		name: 'outboxNotice',
		type: 'notice',
		default: '',
	},
	STATE_FIELD,
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
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: FILTERS,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [LIST_FIELD],
	},
];

interface Prepared {
	query: IDataObject;
	max: number;
	listField: string;
}

export const getSentMessages: Operation<Prepared> = {
	description,
	prepare(f) {
		const returnAll = f.yesNo(f.param('returnAll', false), 'Return All', false);
		const options = f.param<IDataObject>('options', {});
		return {
			query: outboxQuery(f, f.param<IDataObject>('filters', {}), f.param('state', 1)),
			max: returnAll ? Number.MAX_SAFE_INTEGER : f.integer(f.param('limit', 50), 'Limit', { min: 1 }),
			listField: f.text(options.listField, 'List Field').trim(),
		};
	},
	async execute(t, { query, max, listField }, i) {
		return await queryOutbox(t, query, max, i, listField);
	},
};
