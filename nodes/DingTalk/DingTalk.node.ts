import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { waitingMessagingNode } from '../common/node';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS } from '../common/sendAndWait/webhook';
import { appRobot, groupRobot, interopMessage, resources, robotConversation, todo, workNotification } from './actions';
import { listSearch, loadOptions } from './methods';
import { dingTalkClient } from './transport';
import { groupRobotCredentialProblem } from './transport/robot';

export class DingTalk extends waitingMessagingNode(resources, dingTalkClient) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DingTalk',
		name: 'dingTalk',
		icon: { light: 'file:dingtalk.svg', dark: 'file:dingtalk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send DingTalk (钉钉) work notifications, interop messages, group and app robot messages and todo tasks, and reply to robot messages',
		defaults: { name: 'DingTalk' },
		usableAsTool: true,
		// Send and Wait for Response: the signed links land on these (n8n also makes a Human in the Loop tool of the node).
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'dingTalkApi', required: true, displayOptions: { hide: { resource: ['groupRobot'] } } },
			// The group robot posts with its own webhook credential only.
			{
				name: 'dingTalkGroupRobotApi',
				required: true,
				testedBy: 'dingTalkGroupRobotApiTest',
				displayOptions: { show: { resource: ['groupRobot'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					// App robot and todo: internal apps (the DingTalk API credential).
					{ name: 'App Robot', value: 'appRobot', description: "Messages from your internal app's robot to people or groups (企业内部应用机器人)" },
					// Robots: the custom group robot's webhook, and replies to messages the DingTalk Trigger received.
					{ name: 'Group Robot', value: 'groupRobot', description: 'Post to a group through a custom robot\'s webhook (自定义机器人)' },
					{ name: 'Interop Message', value: 'interopMessage', description: 'Cross-domain interop messages (IMPaaS 互通消息)' },
					{ name: 'Robot Conversation', value: 'robotConversation', description: 'Reply to a message sent to the app\'s robot (sessionWebhook)' },
					{ name: 'Todo', value: 'todo', description: 'DingTalk todo tasks (待办)' },
					{ name: 'Work Notification', value: 'workNotification', description: 'Messages an app sends to employees (工作通知)' },
				],
				default: 'workNotification',
			},
			...workNotification.description,
			...interopMessage.description,
			...groupRobot.description,
			...robotConversation.description,
			...appRobot.description,
			...todo.description,
		],
	};

	methods = {
		loadOptions,
		listSearch,
		credentialTest: {
			/** The robot has no call that checks a webhook without posting: the fields are checked here, nothing is sent. */
			async dingTalkGroupRobotApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const problem = groupRobotCredentialProblem(credential.data ?? {});
				if (problem) return { status: 'Error', message: problem };
				return {
					status: 'OK',
					message: 'The fields look right. DingTalk has no check that posts nothing: send a message to be sure.',
				};
			},
		},
	};
}
