import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { noticeField } from '../../../common/properties';
import { agentIdField, optionsCollection, readTask, taskIdField } from '../shared';
import type { SentTask } from '../shared';

export const description: INodeProperties[] = [
	noticeField('recallNotice', 'DingTalk can recall a work notification only within 24 hours of sending it'),
	agentIdField,
	taskIdField,
	optionsCollection(),
];

export const recall: Operation<SentTask> = {
	description,
	prepare: readTask,
	async execute(t, { agentId, taskId }, i) {
		await t.call(ROUTES.recall, { agent_id: agentId, msg_task_id: taskId }, i);
		return { agent_id: agentId, task_id: taskId, recalled: true };
	},
};
