import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { choiceField, noticeField } from '../../../common/properties';
import { optionsCollection } from '../shared';
import { conversationIdField, queryKeyField, readKeys, readRobotCode, robotCodeOption } from './shared';

export const description: INodeProperties[] = [
	noticeField('recallNotice', 'DingTalk recalls robot messages of the last 24 hours, without a notice in the chat'),
	choiceField('Sent To', 'sentTo', [
		{ name: 'Users', value: 'users', description: 'Messages of Send to Users (otoMessages/batchRecall)' },
		{ name: 'Group', value: 'group', description: 'Messages of Send to Group (groupMessages/recall)' },
	], 'users'),
	{ ...conversationIdField, displayOptions: { show: { sentTo: ['group'] } } },
	queryKeyField('Process Query Keys', 'processQueryKeys', 'The processQueryKey of each message to recall (a list, or separated by commas); at most 20'),
	optionsCollection([robotCodeOption]),
];

export interface Prepared {
	robotCode: string;
	keys: string[];
	openConversationId?: string;
}

export const recall: Operation<Prepared> = {
	description,
	async prepare(f) {
		const robotCode = await readRobotCode(this, f, 'App Robot > Recall');
		const group = f.oneOf(f.param('sentTo', 'users'), 'Sent To', ['users', 'group'] as const) === 'group';
		const openConversationId = group ? f.text(f.param('openConversationId'), 'Group Conversation ID', { required: true }).trim() : undefined;
		return { robotCode, keys: readKeys(f, 'Process Query Keys'), openConversationId };
	},
	async execute(t, { robotCode, keys, openConversationId }, i) {
		const body: IDataObject = { robotCode, processQueryKeys: keys };
		if (openConversationId !== undefined) body.openConversationId = openConversationId;
		const route = openConversationId === undefined ? ROUTES.robotOtoRecall : ROUTES.robotGroupRecall;
		const answer = await callV1(t, route, { body }, i);
		const failed = answer.failedResult && typeof answer.failedResult === 'object' ? Object.keys(answer.failedResult) : [];
		return { robotCode, ...body, ...answer, recalled: failed.length === 0 };
	},
};
