import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { getSentMessage } from './getSentMessage.operation';
import { getSentMessages } from './getSentMessages.operation';
import { pushToMobile } from './push.operation';
import { sendAndWait } from './sendAndWait.operation';
import { send } from './send.operation';

export const operations: Operations = { getSentMessage, getSentMessages, pushToMobile, send, [SEND_AND_WAIT_OPERATION]: sendAndWait };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get Many Sent',
				value: 'getSentMessages',
				action: 'Get many sent messages',
				description: 'List the outbox: sent messages, drafts or deleted ones (查询发件箱)',
			},
			{
				name: 'Get Sent',
				value: 'getSentMessage',
				action: 'Get a sent message',
				description: 'One outbox message by the outbox ID a send returned',
			},
			{
				name: 'Push to Mobile',
				value: 'pushToMobile',
				action: 'Push a notification to the mobile app',
				description: 'A push notification to ZQT app users (推送手机端)',
			},
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
