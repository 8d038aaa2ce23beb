import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { getCategories } from './getCategories.operation';

export const operations: Operations = { getCategories };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dictionary'] } },
		options: [
			{
				name: 'Get Categories',
				value: 'getCategories',
				action: 'Get the message categories',
				description: 'The message categories a send may use (获取消息类型字典)',
			},
		],
		default: 'getCategories',
	},
	...operationFields('dictionary', operations),
];
