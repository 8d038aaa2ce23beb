import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { complete } from './complete.operation';
import { create } from './create.operation';
import { deleteTodo } from './delete.operation';
import { get } from './get.operation';
import { update } from './update.operation';

export const operations: Operations = { complete, create, delete: deleteTodo, get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['todo'] } },
		options: [
			{ name: 'Complete', value: 'complete', action: 'Complete a todo', description: 'Mark a todo done, for all executors or one' },
			{ name: 'Create', value: 'create', action: 'Create a todo', description: 'Create a todo for executors (and participants)' },
			{ name: 'Delete', value: 'delete', action: 'Delete a todo', description: 'Delete a todo this app created' },
			{ name: 'Get', value: 'get', action: 'Get a todo', description: 'Get a todo by its ID' },
			{ name: 'Update', value: 'update', action: 'Update a todo', description: 'Change the subject, description, due time, people or done state' },
		],
		default: 'create',
	},
	...operationFields('todo', operations),
];
