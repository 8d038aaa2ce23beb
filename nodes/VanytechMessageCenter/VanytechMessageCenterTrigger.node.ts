import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { Transport } from '../common/transport';
import { readReplies } from './actions/message/getReplies.operation';
import { vanytechClient } from './transport';

export class VanytechMessageCenterTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vanytech Message Center Trigger',
		name: 'vanytechMessageCenterTrigger',
		icon: { light: 'file:vanytech.svg', dark: 'file:vanytech.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New replies',
		description: 'Starts the workflow when receivers reply to messages sent with replies allowed',
		defaults: { name: 'Vanytech Message Center Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vanytechMessageCenterApi', required: true }],
		properties: [
			{
				displayName:
					'The platform deletes the replies it hands out. Each reply starts this workflow once, and is then gone from the platform: fetching a test event consumes replies too, and no other workflow using the same application will see them.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [{ name: 'New Reply', value: 'newReply', description: 'A receiver replied to a message' }],
				default: 'newReply',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const replies = await readReplies(new Transport(this, vanytechClient), Number.MAX_SAFE_INTEGER);
		if (replies.length === 0) return null;
		return [this.helpers.returnJsonArray(replies)];
	}
}
