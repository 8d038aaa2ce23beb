import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { sendAndWait } from './sendAndWait.operation';
import { sendByChannel } from './sendByChannel.operation';
import { sendFromTemplate } from './sendFromTemplate.operation';

export const operations: Operations = { [SEND_AND_WAIT_OPERATION]: sendAndWait, sendByChannel, sendFromTemplate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send and Wait for Response',
				value: SEND_AND_WAIT_OPERATION,
				action: 'Send a message and wait for response',
				description: 'Send a site letter (and email) that leads to an approval or a form, and wait for the answer',
			},
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
