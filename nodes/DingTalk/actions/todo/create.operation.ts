import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { choiceField, switchField, textField } from '../../../common/properties';
import { readUserLocator } from '../people';
import { optionsCollection, requireAppType } from '../shared';
import { asOperator, operatorField, unionIdOf, unionIdsOf } from './shared';
import type { TodoPeople } from './todo.fields';
import { descriptionField, dueTimeField, executorsField, participantsField, readPeople, readTodoFields, subjectField } from './todo.fields';

export const description: INodeProperties[] = [
	operatorField,
	subjectField,
	executorsField({ hint: 'Who should do it; DingTalk recommends at most 100. In an expression: userids as a list or separated by commas.' }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ ...descriptionField },
			textField('Detail URL (App)', 'appUrl', { description: 'Opened when the todo is tapped in the DingTalk app (at most 1024 bytes)' }),
			textField('Detail URL (PC)', 'pcUrl', { description: 'Opened when the todo is clicked in DingTalk on a computer (at most 1024 bytes)' }),
			switchField('DingTalk Notification', 'dingNotify', 'Whether to send the executors a DING notification (not delivered when the creator is the executor)'),
			{ ...dueTimeField },
			switchField('Only Show to Executors', 'isOnlyShowExecutor', 'Whether only the executors see the todo (with no executors, nobody does)'),
			{ ...participantsField },
			choiceField('Priority', 'priority', [
				{ name: 'Low (10)', value: 10 },
				{ name: 'Normal (20)', value: 20 },
				{ name: 'High (30)', value: 30 },
				{ name: 'Urgent (40)', value: 40 },
			], 20),
			textField('Source ID', 'sourceId', {
				description: 'Your own unique ID for the todo (e.g. the ticket number): DingTalk refuses a second todo with the same one ("task exist")',
			}),
		],
	},
	optionsCollection(),
];

export interface Prepared extends TodoPeople {
	operator: string;
	body: IDataObject;
}

export const create: Operation<Prepared> = {
	description,
	sends: true,
	async prepare(f) {
		await requireAppType(this, f, 'internal', 'Todo > Create');
		const extra = f.param<IDataObject>('additionalFields', {});
		const body = readTodoFields(f, { subject: f.param('subject'), description: extra.description, dueTime: extra.dueTime }, true);
		const appUrl = f.url(extra.appUrl, 'Detail URL (App)', { maxBytes: 1024 });
		const pcUrl = f.url(extra.pcUrl, 'Detail URL (PC)', { maxBytes: 1024 });
		if (appUrl || pcUrl) body.detailUrl = { ...(appUrl ? { appUrl } : {}), ...(pcUrl ? { pcUrl } : {}) };
		if (extra.priority !== undefined) body.priority = Number(f.oneOf(extra.priority, 'Priority', ['10', '20', '30', '40'] as const));
		if (extra.dingNotify !== undefined && f.yesNo(extra.dingNotify, 'DingTalk Notification', false)) body.notifyConfigs = { dingNotify: '1' };
		if (extra.isOnlyShowExecutor !== undefined) body.isOnlyShowExecutor = f.yesNo(extra.isOnlyShowExecutor, 'Only Show to Executors', false);
		const sourceId = f.text(extra.sourceId, 'Source ID').trim();
		if (sourceId) body.sourceId = sourceId;
		const people = readPeople(f, { executorIds: f.param('executorIds', []), participantIds: extra.participantIds });
		return { operator: readUserLocator(f, 'operator', 'Operator'), body, ...people };
	},
	async execute(t, { operator, body, executors, participants }, i) {
		const unionId = await unionIdOf(t, operator, 'Operator', i);
		const executorIds = await unionIdsOf(t, executors, 'Executor Names or IDs', i);
		const participantIds = await unionIdsOf(t, participants, 'Participant Names or IDs', i);
		const request = {
			...body,
			creatorId: unionId,
			executorIds: executorIds?.length ? executorIds : undefined,
			participantIds: participantIds?.length ? participantIds : undefined,
		};
		const answer = await callV1(t, ROUTES.todoCreate, { ...asOperator(unionId), body: request }, i);
		return { ...answer, operatorUserId: operator, executorUserIds: executors ?? [], participantUserIds: participants ?? [] };
	},
};
