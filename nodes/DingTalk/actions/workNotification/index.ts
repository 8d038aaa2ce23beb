import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { getProgress } from './getProgress.operation';
import { getResult } from './getResult.operation';
import { recall } from './recall.operation';
import { sendAndWait } from './sendAndWait.operation';
import { send } from './send.operation';
import { sendFromTemplate } from './sendFromTemplate.operation';
import { updateStatusBar } from './updateStatusBar.operation';

export const operations: Operations = {
	getProgress,
	getResult,
	recall,
	send,
	[SEND_AND_WAIT_OPERATION]: sendAndWait,
	sendFromTemplate,
	updateStatusBar,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workNotification'] } },
		options: [
			{ name: 'Get Progress', value: 'getProgress', action: 'Get the progress of a send', description: 'How far DingTalk got in delivering a work notification' },
			{ name: 'Get Result', value: 'getResult', action: 'Get the result of a send', description: 'Who read, did not read, or did not get a work notification' },
			{ name: 'Recall', value: 'recall', action: 'Recall a work notification', description: 'Withdraw a work notification sent in the last 24 hours' },
			{ name: 'Send', value: 'send', action: 'Send a work notification', description: 'Send a text, link, Markdown, OA, card, image, file or voice notification' },
			{
				name: 'Send and Wait for Response',
				value: SEND_AND_WAIT_OPERATION,
				action: 'Send a work notification and wait for response',
				description: 'Ask for an approval or an answer (action card or OA message) and wait for it',
			},
			{ name: 'Send From Template', value: 'sendFromTemplate', action: 'Send a work notification from a template', description: 'Send with an approved message template' },
			{ name: 'Update OA Status Bar', value: 'updateStatusBar', action: 'Update the status bar of an OA message', description: 'Change the status shown on an OA notification' },
		],
		default: 'send',
	},
	...operationFields('workNotification', operations),
];
