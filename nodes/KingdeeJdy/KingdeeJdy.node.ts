import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { messagingNode } from '../common/node';
import { message, resources } from './actions';
import { kingdeeClient } from './transport';

export class KingdeeJdy extends messagingNode(resources, kingdeeClient) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kingdee JDY',
		name: 'kingdeeJdy',
		icon: { light: 'file:kingdee.svg', dark: 'file:kingdee.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send third-party messages to Kingdee JDY (精斗云 / 金蝶云星辰) users: message center, Kingdee Cloud app, WeCom, DingTalk',
		defaults: { name: 'Kingdee JDY' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kingdeeJdyApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message', value: 'message' }],
				default: 'message',
			},
			...message.description,
		],
	};
}
