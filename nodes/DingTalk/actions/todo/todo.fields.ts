/** The fields of a todo that Create and Update share, and how they are read. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemFields } from '../../../common/validation';
import { requiredText, textField } from '../../../common/properties';
import { usersField } from '../people';
import { userIdList } from '../shared';
import { MAX_PEOPLE } from './shared';

export const subjectField: INodeProperties = requiredText('Subject', 'subject', { description: 'The todo title, at most 1024 characters' });

export const descriptionField: INodeProperties = textField('Description', 'description', { typeOptions: { rows: 4 }, description: 'At most 4096 characters' });

export const dueTimeField: INodeProperties = {
	displayName: 'Due Time',
	name: 'dueTime',
	type: 'dateTime',
	default: '',
	description: 'When the todo is due',
};

export const executorsField = (extra: Partial<INodeProperties> = {}) => usersField('executorIds', 'Executor Names or IDs', MAX_PEOPLE, extra);

export const participantsField = usersField('participantIds', 'Participant Names or IDs', MAX_PEOPLE);

/** People lists of a todo as userids; undefined when the field is not given. */
export interface TodoPeople {
	executors?: string[];
	participants?: string[];
}

/**
 * subject / description / dueTime (ms) from `values`, checked as DingTalk documents them; only the
 * keys present in `values` are read (an update changes only what it names).
 */
export function readTodoFields(f: ItemFields, values: IDataObject, requireSubject: boolean): IDataObject {
	const body: IDataObject = {};
	if (requireSubject || values.subject !== undefined) body.subject = f.text(values.subject, 'Subject', { required: true, maxLength: 1024 });
	if (values.description !== undefined && values.description !== '') {
		body.description = f.text(values.description, 'Description', { maxLength: 4096 });
	}
	if (values.dueTime !== undefined && values.dueTime !== '') body.dueTime = f.time(values.dueTime, 'Due Time');
	return body;
}

export function readPeople(f: ItemFields, values: IDataObject): TodoPeople {
	const people: TodoPeople = {};
	if (values.executorIds !== undefined) people.executors = userIdList(f, values.executorIds, 'Executor Names or IDs', MAX_PEOPLE);
	if (values.participantIds !== undefined) people.participants = userIdList(f, values.participantIds, 'Participant Names or IDs', MAX_PEOPLE);
	return people;
}
