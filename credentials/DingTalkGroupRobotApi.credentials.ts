import type { IAuthenticate, ICredentialType, IDataObject, INodeProperties, Icon } from 'n8n-workflow';
import { robotAccessToken, robotSign } from '../nodes/DingTalk/transport/robot';

/**
 * A DingTalk custom group robot (自定义机器人): its webhook's access token and, when the robot uses
 * signing (加签), its SEC… secret. Every request goes to <Base URL>/robot/send with access_token,
 * and for a signed robot a fresh millisecond timestamp and its sign.
 */
export class DingTalkGroupRobotApi implements ICredentialType {
	name = 'dingTalkGroupRobotApi';

	displayName = 'DingTalk Group Robot API';

	icon: Icon = {
		light: 'file:../nodes/DingTalk/dingtalk.svg',
		dark: 'file:../nodes/DingTalk/dingtalk.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cn-messaging/n8n-nodes-cn-messaging#dingtalk';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook URL or Access Token',
			name: 'webhookToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'https://oapi.dingtalk.com/robot/send?access_token=…',
			description:
				'The Webhook address of the robot: in the DingTalk group, Group Settings > Robots (机器人) > this robot > Webhook. The whole address or only its access_token value. Anyone who has it can post to the group.',
		},
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'SEC…',
			description:
				'Only for a robot whose security settings use Signing (加签): the string starting with SEC shown there. Leave empty for a robot secured by custom keywords or an IP whitelist only.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://oapi.dingtalk.com',
			required: true,
			description:
				'Where messages are posted (<Base URL>/robot/send). Change it only for a proxy or a test server; the Webhook URL above only provides the access token.',
		},
	];

	/** Every request: access_token, and for a signed robot timestamp (ms) + sign, encoded once by n8n. */
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const qs: IDataObject = { ...(requestOptions.qs ?? {}), access_token: robotAccessToken(credentials.webhookToken) ?? '' };
		const secret = typeof credentials.secret === 'string' ? credentials.secret.trim() : '';
		if (secret) {
			const timestamp = String(Date.now());
			qs.timestamp = timestamp;
			qs.sign = robotSign(secret, timestamp);
		}
		return { ...requestOptions, baseURL: String(credentials.baseUrl ?? '').trim().replace(/\/+$/, ''), qs };
	};
}
