import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { getMessageCount } from './getMessageCount.operation';
import { getMessages } from './getMessages.operation';

export const operations: Operations = { getMessageCount, getMessages };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Get Message Count', value: 'getMessageCount', action: 'Count a user s messages', description: 'Unread, read, todo and done counts of a user' },
			{ name: 'Get Messages', value: 'getMessages', action: 'List a user s messages', description: 'The latest message summaries of a user' },
		],
		default: 'getMessages',
	},
	...operationFields('user', operations),
];
