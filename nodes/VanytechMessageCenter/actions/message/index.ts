import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { confirmTodo } from './confirmTodo.operation';
import { getProgress } from './getProgress.operation';
import { getReplies } from './getReplies.operation';
import { sendAndWait } from './sendAndWait.operation';
import { send } from './send.operation';
import { sendCard } from './sendCard.operation';
import { sendSms } from './sendSms.operation';

export const operations: Operations = {
	confirmTodo,
	getProgress,
	getReplies,
	send,
	[SEND_AND_WAIT_OPERATION]: sendAndWait,
	sendCard,
	sendSms,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Confirm Todo', value: 'confirmTodo', action: 'Confirm a todo message', description: 'Set a todo message to done or pending' },
			{ name: 'Get Delivery Progress', value: 'getProgress', action: 'Get the delivery progress of a message', description: 'How many receivers got a message, and who did not' },
			{ name: 'Get Replies', value: 'getReplies', action: 'Get replies to messages', description: 'Read (and remove) the replies to messages sent with replies allowed' },
			{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send a notice or todo over one or more channels' },
			{
				name: 'Send and Wait for Response',
				value: SEND_AND_WAIT_OPERATION,
				action: 'Send a todo and wait for response',
				description: 'Send a todo that leads to an approval or a form, wait for the answer, then confirm the todo',
			},
			{ name: 'Send SMS', value: 'sendSms', action: 'Send an SMS', description: 'Send an SMS to mobile numbers outside the directory' },
			{ name: 'Send WeCom Card', value: 'sendCard', action: 'Send a card message', description: 'Send a WeCom (企业微信) text card' },
		],
		default: 'send',
	},
	...operationFields('message', operations),
];
