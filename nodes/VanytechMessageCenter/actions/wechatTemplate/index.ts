import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { listAccounts } from './listAccounts.operation';
import { listTemplates } from './listTemplates.operation';
import { sendTemplate } from './send.operation';

export const operations: Operations = { listAccounts, listTemplates, send: sendTemplate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['wechatTemplate'] } },
		options: [
			{ name: 'List Accounts', value: 'listAccounts', action: 'List official accounts', description: 'The official accounts bound to your application' },
			{ name: 'List Templates', value: 'listTemplates', action: 'List templates', description: 'The templates of an official account, with their slots' },
			{ name: 'Send', value: 'send', action: 'Send a template message', description: 'Send a template message through an official account' },
		],
		default: 'send',
	},
	...operationFields('wechatTemplate', operations),
];
