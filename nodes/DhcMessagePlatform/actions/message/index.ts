import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { sendByChannel } from './sendByChannel.operation';
import { sendFromTemplate } from './sendFromTemplate.operation';

export const operations: Operations = { sendByChannel, sendFromTemplate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send by Channel',
				value: 'sendByChannel',
				action: 'Send a message by channel',
				description: 'Send your own content on site letter, SMS and email channels',
			},
			{
				name: 'Send From Template',
				value: 'sendFromTemplate',
				action: 'Send a message from a template',
				description: 'Send a message template defined on the platform, with its variables',
			},
		],
		default: 'sendByChannel',
	},
	...operationFields('message', operations),
];
