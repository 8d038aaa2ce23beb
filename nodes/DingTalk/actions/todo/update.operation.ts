import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { switchField } from '../../../common/properties';
import { optionsCollection } from '../shared';
import { asOperator, operatorField, readTarget, taskIdField, unionIdOf, unionIdsOf } from './shared';
import type { TodoPeople } from './todo.fields';
import { descriptionField, dueTimeField, executorsField, participantsField, readPeople, readTodoFields, subjectField } from './todo.fields';
import type { TodoTarget } from './shared';

export const description: INodeProperties[] = [
	operatorField,
	taskIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ ...descriptionField },
			switchField('Done', 'done', 'Whether the todo is done (for every executor)', { default: true }),
			{ ...dueTimeField },
			executorsField(),
			{ ...participantsField },
			{ ...subjectField, required: false },
		],
	},
	optionsCollection(),
];

export interface Prepared extends TodoTarget, TodoPeople {
	body: IDataObject;
}

export const update: Operation<Prepared> = {
	description,
	async prepare(f) {
		const target = await readTarget(this, f, 'Update');
		const values = f.param<IDataObject>('updateFields', {});
		const body = readTodoFields(f, values, false);
		if (values.done !== undefined) body.done = f.yesNo(values.done, 'Done');
		const people = readPeople(f, values);
		if (Object.keys(body).length === 0 && !people.executors && !people.participants) {
			f.fail('Update Fields', 'is empty: add at least one field to change');
		}
		return { ...target, body, ...people };
	},
	async execute(t, { operator, taskId, body, executors, participants }, i) {
		const unionId = await unionIdOf(t, operator, 'Operator', i);
		const request: IDataObject = { ...body };
		if (executors) request.executorIds = await unionIdsOf(t, executors, 'Executor Names or IDs', i);
		if (participants) request.participantIds = await unionIdsOf(t, participants, 'Participant Names or IDs', i);
		const answer = await callV1(t, ROUTES.todoUpdate, { ...asOperator(unionId, taskId), body: request }, i);
		return { id: taskId, updated: answer.result === true, ...request };
	},
};
