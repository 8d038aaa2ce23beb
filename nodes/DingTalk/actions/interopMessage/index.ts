import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { send } from './send.operation';

export const operations: Operations = { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['interopMessage'] } },
		options: [
			{ name: 'Send', value: 'send', action: 'Send an interop message', description: 'Send a text or card message into a cross-domain conversation' },
		],
		default: 'send',
	},
	...operationFields('interopMessage', operations),
];
