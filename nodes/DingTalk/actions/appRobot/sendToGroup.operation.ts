import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { noticeField } from '../../../common/properties';
import { optionsCollection } from '../shared';
import { GROUP_MSG_PARAM_MAX_BYTES, readRobotMessage } from './message';
import type { RobotMessage } from './message';
import { robotMessageFields } from './message.fields';
import { conversationIdField, readRobotCode, robotCodeOption } from './shared';

export const description: INodeProperties[] = [
	noticeField('groupNotice', 'The robot must be in the group. DingTalk does not support @mentions in app robot group messages.'),
	conversationIdField,
	...robotMessageFields,
	optionsCollection([
		{
			displayName: 'Cool App Code',
			name: 'coolAppCode',
			type: 'string',
			default: '',
			placeholder: 'COOLAPP-1-10182EEDD1AC0BA600D9000J',
			description: 'Required when the robot came into the group with a group cool app (群酷应用)',
		},
		robotCodeOption,
	]),
];

export interface Prepared extends RobotMessage {
	robotCode: string;
	openConversationId: string;
	coolAppCode?: string;
}

export const sendToGroup: Operation<Prepared> = {
	description,
	sends: true,
	async prepare(f) {
		const robotCode = await readRobotCode(this, f, 'App Robot > Send to Group');
		const openConversationId = f.text(f.param('openConversationId'), 'Group Conversation ID', { required: true }).trim();
		const coolAppCode = f.text(f.param('options.coolAppCode', ''), 'Cool App Code').trim() || undefined;
		return { robotCode, openConversationId, coolAppCode, ...readRobotMessage(f, GROUP_MSG_PARAM_MAX_BYTES) };
	},
	async execute(t, { robotCode, openConversationId, coolAppCode, msgKey, msgParam }, i) {
		const answer = await callV1(t, ROUTES.robotGroupSend, { body: { robotCode, openConversationId, coolAppCode, msgKey, msgParam } }, i);
		return { robotCode, openConversationId, msgKey, ...answer } as IDataObject;
	},
};
