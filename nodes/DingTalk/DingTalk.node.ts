import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeOperation, operationFields } from '../common/node';
import { operations } from './actions';
import { runOptions } from './actions/shared';
import { dingTalkClient } from './transport';

export class DingTalk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DingTalk',
		name: 'dingTalk',
		icon: { light: 'file:dingtalk.svg', dark: 'file:dingtalk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and track DingTalk (钉钉) work notifications and cross-domain interop messages',
		defaults: { name: 'DingTalk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dingTalkApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Work Notification', value: 'workNotification', description: 'Messages an app sends to employees (工作通知)' },
					{ name: 'Interop Message', value: 'interopMessage', description: 'Cross-domain interop messages (IMPaaS 互通消息)' },
				],
				default: 'workNotification',
			},
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
					{ name: 'Send From Template', value: 'sendFromTemplate', action: 'Send a work notification from a template', description: 'Send with an approved message template' },
					{ name: 'Update OA Status Bar', value: 'updateStatusBar', action: 'Update the status bar of an OA message', description: 'Change the status shown on an OA notification' },
				],
				default: 'send',
			},
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
			...operationFields(operations),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation(this, operations, dingTalkClient, runOptions);
	}
}
