import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { noticeField } from '../../../common/properties';
import { outputField } from '../fields';
import { optionsCollection } from '../shared';
import { queryKeyField, readRobotCode, robotCodeOption } from './shared';

export const description: INodeProperties[] = [
	noticeField('readStatusNotice', 'For messages sent to users (Send to Users) in the last 24 hours'),
	queryKeyField('Process Query Key', 'processQueryKey', 'The processQueryKey that Send to Users returned'),
	outputField({ name: 'One Item', value: 'one', description: 'The send status and every receiver with their read status' }, 'An item per receiver: userId, name, readStatus'),
	optionsCollection([robotCodeOption]),
];

export interface Prepared {
	robotCode: string;
	processQueryKey: string;
	perUser: boolean;
}

export const getReadStatus: Operation<Prepared> = {
	description,
	async prepare(f) {
		return {
			robotCode: await readRobotCode(this, f, 'App Robot > Get Read Status'),
			processQueryKey: f.text(f.param('processQueryKey'), 'Process Query Key', { required: true }).trim(),
			perUser: f.oneOf(f.param('output', 'one'), 'Output', ['one', 'perUser'] as const) === 'perUser',
		};
	},
	async execute(t, { robotCode, processQueryKey, perUser }, i) {
		// The key is Base64 text: the query encoding URL-encodes it, as DingTalk requires.
		const answer = await callV1(t, ROUTES.robotOtoReadStatus, { query: { robotCode, processQueryKey } }, i);
		const list = Array.isArray(answer.messageReadInfoList) ? (answer.messageReadInfoList as IDataObject[]) : [];
		if (perUser) return list.map((u) => ({ processQueryKey, sendStatus: answer.sendStatus, ...u }));
		const read = list.filter((u) => u.readStatus === 'READ').length;
		return { processQueryKey, ...answer, readCount: read, unreadCount: list.length - read };
	},
};
