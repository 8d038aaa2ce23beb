/** What the app robot operations share: the robot's code and the message keys a send returned. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemFields } from '../../../common/validation';
import { requiredText } from '../../../common/properties';
import { requireAppType } from '../shared';

export const robotCodeOption: INodeProperties = {
	displayName: 'Robot Code',
	name: 'robotCode',
	type: 'string',
	default: '',
	placeholder: 'dingue4kfzdxbynxxxxxx',
	description:
		"The robot's robotCode. Empty: the credential's AppKey, which is the robotCode of an internal app's robot (developer console > your app > 应用能力 > 机器人).",
};

export const conversationIdField: INodeProperties = {
	displayName: 'Group Conversation ID',
	name: 'openConversationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'cid6KeBBLoveMJOGXoYKF5x7EeiodoA==',
	description:
		"The group's openConversationId: the conversationId of a robot message received from that group (DingTalk Trigger), or from DingTalk's group APIs. The robot must be in the group.",
};

/** The processQueryKey (or keys) a send returned, in the field `name`. */
export function queryKeyField(displayName: string, name: string, description: string): INodeProperties {
	return requiredText(displayName, name, { placeholder: '={{ $json.processQueryKey }}', description });
}

/** The robot code: the Robot Code option, else the internal app's AppKey. Refuses a third-party credential. */
export async function readRobotCode(ctx: IExecuteFunctions, f: ItemFields, operation: string): Promise<string> {
	const credentials = await requireAppType(ctx, f, 'internal', operation);
	const given = f.text(f.param('options.robotCode', ''), 'Robot Code').trim();
	return given || String(credentials.appKey ?? '');
}

/** Message keys (processQueryKey) from a list or comma-separated text: at most 20 (DingTalk's limit per recall). */
export function readKeys(f: ItemFields, label: string, max = 20): string[] {
	const keys = [...new Set(f.list(f.param('processQueryKeys'), label, /[,\n]/))];
	if (keys.length === 0) f.fail(label, 'is empty: give the processQueryKey a send returned');
	if (keys.length > max) f.fail(label, `has ${keys.length} keys; DingTalk takes at most ${max} per call`, 'Split them over several items.');
	return keys;
}
