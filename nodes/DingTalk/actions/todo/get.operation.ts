import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { optionsCollection } from '../shared';
import { operatorField, readTarget, taskIdField, unionIdOf } from './shared';
import type { TodoTarget } from './shared';

export const description: INodeProperties[] = [operatorField, taskIdField, optionsCollection()];

export const get: Operation<TodoTarget> = {
	description,
	async prepare(f) {
		return await readTarget(this, f, 'Get');
	},
	async execute(t, { operator, taskId }, i) {
		const unionId = await unionIdOf(t, operator, 'Operator', i);
		return await callV1(t, ROUTES.todoGet, { path: { unionId, taskId } }, i);
	},
};
