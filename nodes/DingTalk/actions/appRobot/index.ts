import type { INodeProperties } from 'n8n-workflow';
import { operationFields } from '../../../common/router';
import type { Operations } from '../../../common/router';
import { getReadStatus } from './getReadStatus.operation';
import { recall } from './recall.operation';
import { sendToGroup } from './sendToGroup.operation';
import { sendToUsers } from './sendToUsers.operation';

export const operations: Operations = { getReadStatus, recall, sendToGroup, sendToUsers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['appRobot'] } },
		options: [
			{ name: 'Get Read Status', value: 'getReadStatus', action: 'Get the read status of a robot message', description: 'Who read a message sent to users, within 24 hours' },
			{ name: 'Recall', value: 'recall', action: 'Recall robot messages', description: 'Withdraw messages sent to users or to a group in the last 24 hours' },
			{ name: 'Send to Group', value: 'sendToGroup', action: 'Send a robot message to a group', description: 'Post a message into a group the robot is in' },
			{ name: 'Send to Users', value: 'sendToUsers', action: 'Send a robot message to users', description: 'Send a one-to-one chat message to up to 20 people' },
		],
		default: 'sendToUsers',
	},
	...operationFields('appRobot', operations),
];
