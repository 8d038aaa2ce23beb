import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { sessionClient } from '../../transport/robot';
import { reply } from './reply.operation';

export const operations: Operations = { reply };

/** The app's credential (DingTalk API), with the answers judged as a robot webhook's. */
export const client = sessionClient;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['robotConversation'] } },
		options: [
			{
				name: 'Reply',
				value: 'reply',
				action: 'Reply to a robot message',
				description: 'Answer a message the DingTalk Trigger received, in its conversation, through its session webhook',
			},
		],
		default: 'reply',
	},
	...operationFields('robotConversation', operations),
];
