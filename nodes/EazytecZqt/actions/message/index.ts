import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { sendAndWait } from './sendAndWait.operation';
import { send } from './send.operation';

export const operations: Operations = { send, [SEND_AND_WAIT_OPERATION]: sendAndWait };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				action: 'Send a government enterprise message',
				description: 'Send an HTML message to ZQT users (发送政企消息)',
			},
			{
				name: 'Send and Wait for Response',
				value: SEND_AND_WAIT_OPERATION,
				action: 'Send a message and wait for response',
				description: 'Send a message that leads to an approval or a form, and wait for the answer',
			},
		],
		default: 'send',
	},
	...operationFields('message', operations),
];
