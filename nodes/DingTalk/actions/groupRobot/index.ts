import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { groupRobotClient } from '../../transport/robot';
import { send } from './send.operation';

export const operations: Operations = { send };

/** Posts with the group robot's own credential (DingTalk Group Robot), not the app's. */
export const client = groupRobotClient;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['groupRobot'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message to a group with a robot',
				description: 'Post a text, Markdown, link, action card or feed card message through a custom robot\'s webhook',
			},
		],
		default: 'send',
	},
	...operationFields('groupRobot', operations),
];
