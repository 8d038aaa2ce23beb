import { NodeOperationError } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { FIND_OPTIONS_FIELD, idOf, listOptions, queryOutbox } from './outbox';

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
	FIND_OPTIONS_FIELD,
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
		return { outboxId: f.text(f.param('outboxId'), 'Outbox ID', { required: true }).trim(), ...listOptions(f) };
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
