import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ID_FIELD, LIST_FIELD, idOf, queryOutbox } from './outbox';

export const description: INodeProperties[] = [
	{
		displayName: 'Outbox ID',
		name: 'outboxId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.outboxId }}',
		description: 'The outbox ID a send returned (发件消息ID)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			LIST_FIELD,
			ID_FIELD,
		],
	},
];

interface Prepared {
	outboxId: string;
	listField: string;
	idField: string;
}

/**
 * One sent message, read with the outbox query's documented `outboxid` filter (the detail
 * interface of the same page is not publicly readable). A listed message whose ID differs is never
 * returned: a server that ignores the filter is reported, not trusted.
 */
export const getSentMessage: Operation<Prepared> = {
	description,
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		return {
			outboxId: f.text(f.param('outboxId'), 'Outbox ID', { required: true }).trim(),
			listField: f.text(options.listField, 'List Field').trim(),
			idField: f.text(options.idField, 'ID Field').trim(),
		};
	},
	async execute(t, { outboxId, listField, idField }, i) {
		const items = await queryOutbox(t, { outboxid: outboxId }, 2, i, listField);
		const match = items.find((m) => idOf(m, idField) === outboxId);
		if (match) return match;
		if (items.length === 1 && !idOf(items[0], idField)) return items[0];
		throw new NodeOperationError(
			this.getNode(),
			items.length === 0
				? `No sent message with outbox ID "${outboxId}"`
				: `The outbox query answered ${items.length === 1 ? 'a message' : 'messages'} with another ID than "${outboxId}"`,
			{
				itemIndex: i,
				description:
					items.length === 0
						? 'Check the ID, and that the credential\'s application may read this outbox.'
						: 'The platform may not filter by outboxid here; set Options → ID Field if the ID is under another key.',
			},
		);
	},
};
