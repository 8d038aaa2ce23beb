import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { usersField } from '../people';
import { optionsCollection, userIdList } from '../shared';
import { readRobotMessage } from './message';
import type { RobotMessage } from './message';
import { robotMessageFields } from './message.fields';
import { readRobotCode, robotCodeOption } from './shared';

/** batchSend: "每次最多传20个" user IDs (its error table says 100; the description wins). */
export const MAX_USERS = 20;

export const description: INodeProperties[] = [
	usersField('userIds', 'User Names or IDs', MAX_USERS, { required: true }),
	...robotMessageFields,
	optionsCollection([robotCodeOption]),
];

export interface Prepared extends RobotMessage {
	robotCode: string;
	userIds: string[];
}

export const sendToUsers: Operation<Prepared> = {
	description,
	sends: true,
	async prepare(f) {
		const robotCode = await readRobotCode(this, f, 'App Robot > Send to Users');
		const userIds = userIdList(f, f.param('userIds'), 'User Names or IDs', MAX_USERS);
		if (userIds.length === 0) f.fail('User Names or IDs', 'is empty: give at least one userid');
		return { robotCode, userIds, ...readRobotMessage(f) };
	},
	async execute(t, { robotCode, userIds, msgKey, msgParam }, i) {
		const answer = await callV1(t, ROUTES.robotOtoSend, { body: { robotCode, userIds, msgKey, msgParam } }, i);
		return { robotCode, userIds, msgKey, ...answer } as IDataObject;
	},
};
