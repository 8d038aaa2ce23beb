import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { openTransport } from '../common/transport';
import { ItemFields } from '../common/validation';
import { pollChanges } from './actions/message/changes';
import type { Seen } from './actions/message/changes';
import { FILTERS_FIELD, FIND_OPTIONS_FIELD, idOf, listOptions, outboxQuery, queryOutbox } from './actions/message/outbox';
import { CREDENTIAL_TYPE, eazytecClient } from './transport';

export class EazytecZqtTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eazytec ZQT Trigger',
		name: 'eazytecZqtTrigger',
		icon: { light: 'file:eazytec.svg', dark: 'file:eazytec.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Sent message changed',
		description: 'Starts the workflow when a sent message changes, such as its read or reply counts',
		defaults: { name: 'Eazytec ZQT Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					'Polls the outbox (查询发件箱) and emits each sent message whose watched fields changed since the last poll, with exactly the changes. The public document does not show the outbox\'s answer fields: name the read and reply count fields of your edition in Fields to Watch. The first poll only takes note of the messages.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'Sent Message Changed',
						value: 'sentMessageChanged',
						description: 'A watched field of a sent message changed, such as its read or reply count',
					},
				],
				default: 'sentMessageChanged',
			},
			{
				displayName: 'Fields to Watch',
				name: 'watchFields',
				type: 'string',
				default: '',
				placeholder: 'readCount, replyCount',
				description: 'Fields of a listed message to compare between polls, separated by commas. Empty compares every field.',
			},
			{
				displayName: 'Outbox ID',
				name: 'outboxId',
				type: 'string',
				default: '',
				description: 'Watch only this message (the outbox ID a send returned). Empty watches the latest sent messages.',
			},
			{
				displayName: 'Messages to Watch',
				name: 'messageCount',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 50,
				description: 'How many of the outbox\'s first (latest) sent messages each poll compares',
			},
			FILTERS_FIELD,
			FIND_OPTIONS_FIELD,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const f = new ItemFields(
			{
				getNode: () => this.getNode(),
				getNodeParameter: (name: string, _i: number, fallback?: unknown) => this.getNodeParameter(name, fallback as never),
				getTimezone: () => this.getTimezone(),
			},
			0,
		);
		const { listField, idField } = listOptions(f);
		const query = outboxQuery(f, { ...f.param<IDataObject>('filters', {}), outboxId: f.param('outboxId', '') }, 1);
		const limit = f.integer(f.param('messageCount', 50), 'Messages to Watch', { min: 1, max: 1000 });
		const fields = f.list(f.param('watchFields', ''), 'Fields to Watch');

		const listed = await queryOutbox(await openTransport(this, eazytecClient), query, limit, undefined, listField);
		const messages = listed.map((message) => {
			const id = idOf(message, idField);
			if (!id) {
				throw new NodeOperationError(this.getNode(), 'A listed message has no outbox ID', {
					description: `Its keys: ${Object.keys(message).join(', ')}. Name the ID's key in Options → ID Field.`,
				});
			}
			return { id, message };
		});
		const state = this.getWorkflowStaticData('node') as Seen;
		const first = state.seen === undefined;
		const events = pollChanges(state, messages, fields);
		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the changes if any, else the latest message to show the shape.
			if (events.length) return [this.helpers.returnJsonArray(events as unknown as IDataObject[])];
			return messages.length ? [this.helpers.returnJsonArray([{ outboxId: messages[0].id, changes: {}, message: messages[0].message }])] : null;
		}
		if (first || events.length === 0) return null;
		return [this.helpers.returnJsonArray(events as unknown as IDataObject[])];
	}
}
