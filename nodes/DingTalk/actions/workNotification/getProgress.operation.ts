import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { agentIdField, optionsCollection, readTask, taskIdField } from '../shared';
import type { SentTask } from '../shared';

export const PROGRESS_STATUS: Record<string, string> = { '0': 'not started', '1': 'processing', '2': 'done' };

export const description: INodeProperties[] = [
	agentIdField,
	{ ...taskIdField, description: 'The task_id a send returned (tasks of the last 24 hours)' },
	optionsCollection(),
];

export const getProgress: Operation<SentTask> = {
	description,
	prepare: readTask,
	async execute(t, { agentId, taskId }, i) {
		const answer = await t.call(ROUTES.getsendprogress, { agent_id: agentId, task_id: taskId }, i);
		const progress = (answer.progress ?? {}) as IDataObject;
		return {
			agent_id: agentId,
			task_id: taskId,
			progress_in_percent: progress.progress_in_percent,
			status: progress.status,
			statusText: PROGRESS_STATUS[String(progress.status)] ?? 'unknown',
			done: progress.status === 2,
			request_id: answer.request_id,
		};
	},
};
