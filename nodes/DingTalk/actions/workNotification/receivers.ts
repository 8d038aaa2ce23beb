/**
 * Who a work notification goes to (Send To, users, departments), shared by Send and Send From
 * Template. The people and departments are picked from the contacts or given as IDs (people.ts);
 * DingTalk takes the lists as comma-separated text.
 */
import type { INodeProperties } from 'n8n-workflow';
import type { ItemFields } from '../../../common/validation';
import { choiceField } from '../../../common/properties';
import { departmentsField, usersField } from '../people';
import { deptIdList, userIdList } from '../shared';

/** What one DingTalk API allows: the most user and department IDs per call, and whether to_all_user. */
export interface ReceiverLimits {
	users: number;
	depts: number;
	everyone: boolean;
}

export function receiverFields(limits: ReceiverLimits): INodeProperties[] {
	return [
		choiceField('Send To', 'sendTo', [
			{ name: 'Users', value: 'users' },
			{ name: 'Departments', value: 'departments', description: 'Everybody in the departments, sub-departments included' },
			{ name: 'Users and Departments', value: 'usersAndDepartments' },
			...(limits.everyone ? [{ name: 'Everyone', value: 'everyone', description: 'Every member of the organization (to_all_user)' }] : []),
		], 'users'),
		usersField('userIds', 'User Names or IDs', limits.users, {
			required: true,
			displayOptions: { show: { sendTo: ['users', 'usersAndDepartments'] } },
		}),
		departmentsField('deptIds', 'Department Names or IDs', limits.depts, {
			required: true,
			displayOptions: { show: { sendTo: ['departments', 'usersAndDepartments'] } },
		}),
	];
}

export interface Receivers {
	userid_list?: string;
	dept_id_list?: string;
	to_all_user?: boolean;
}

/** Reads Send To / User IDs / Department IDs. An empty chosen list is refused. */
export function readReceivers(f: ItemFields, limits: ReceiverLimits): { receivers: Receivers; users: string[]; depts: string[] } {
	const sendTo = f.oneOf(
		f.param('sendTo'),
		'Send To',
		limits.everyone ? (['users', 'departments', 'usersAndDepartments', 'everyone'] as const) : (['users', 'departments', 'usersAndDepartments'] as const),
	);
	const receivers: Receivers = {};
	let users: string[] = [];
	let depts: string[] = [];
	if (sendTo === 'users' || sendTo === 'usersAndDepartments') {
		users = userIdList(f, f.param('userIds'), 'User Names or IDs', limits.users);
		if (users.length === 0) f.fail('User Names or IDs', 'is empty: give at least one userid');
		receivers.userid_list = users.join(',');
	}
	if (sendTo === 'departments' || sendTo === 'usersAndDepartments') {
		depts = deptIdList(f, f.param('deptIds'), 'Department Names or IDs', limits.depts);
		if (depts.length === 0) f.fail('Department Names or IDs', 'is empty: give at least one department ID');
		receivers.dept_id_list = depts.join(',');
	}
	if (sendTo === 'everyone') receivers.to_all_user = true;
	return { receivers, users, depts };
}
