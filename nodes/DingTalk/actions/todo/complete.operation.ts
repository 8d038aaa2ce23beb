import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { choiceField } from '../../../common/properties';
import { readUserLocator, userLocator } from '../people';
import { optionsCollection } from '../shared';
import { asOperator, operatorField, readTarget, taskIdField, unionIdOf } from './shared';
import type { TodoTarget } from './shared';

export const description: INodeProperties[] = [
	operatorField,
	taskIdField,
	choiceField('Complete For', 'completeFor', [
		{ name: 'All Executors', value: 'all', description: 'The whole todo is done (done = true)' },
		{ name: 'One Executor', value: 'executor', description: "Mark one executor's part done (executorStatus)" },
	], 'all'),
	userLocator('executor', 'Executor', 'The executor whose part is done', { displayOptions: { show: { completeFor: ['executor'] } } }),
	optionsCollection(),
];

export interface Prepared extends TodoTarget {
	executor?: string;
}

export const complete: Operation<Prepared> = {
	description,
	async prepare(f) {
		const target = await readTarget(this, f, 'Complete');
		const forOne = f.oneOf(f.param('completeFor', 'all'), 'Complete For', ['all', 'executor'] as const) === 'executor';
		return { ...target, executor: forOne ? readUserLocator(f, 'executor', 'Executor') : undefined };
	},
	async execute(t, { operator, taskId, executor }, i) {
		const unionId = await unionIdOf(t, operator, 'Operator', i);
		if (executor === undefined) {
			const answer = await callV1(t, ROUTES.todoUpdate, { ...asOperator(unionId, taskId), body: { done: true } }, i);
			return { id: taskId, done: answer.result === true, completedFor: 'all' };
		}
		const executorUnionId = await unionIdOf(t, executor, 'Executor', i);
		const body: IDataObject = { executorStatusList: [{ id: executorUnionId, isDone: true }] };
		const answer = await callV1(t, ROUTES.todoExecutorStatus, { ...asOperator(unionId, taskId), body }, i);
		return { id: taskId, done: answer.result === true, completedFor: 'executor', executorUserId: executor, executorUnionId };
	},
};
