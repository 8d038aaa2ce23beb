/**
 * People and departments as the node asks for them: picked from the organization's contacts
 * (methods/index.ts) or given as IDs.
 *
 * - Several people or departments: a multi-select filled from the contacts (what n8n users know
 *   from other nodes' "… Names or IDs" fields); in expression mode it takes IDs as a list or as
 *   text separated by commas, so typed IDs and IDs from earlier nodes keep working.
 * - One person: a resource locator, "From List" (searchable, paged through the departments) or
 *   "By ID" (a userid, or an expression).
 */
import type { INodeProperties } from 'n8n-workflow';
import type { ItemFields } from '../../common/validation';

/** A multi-select filled by a pick-list method; in an expression it takes `ids` as a list or text. */
function multiPick(method: string, ids: string, name: string, displayName: string, max: number, extra: Partial<INodeProperties>): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: method },
		default: [],
		description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: `At most ${max}. In an expression: ${ids} as a list or separated by commas.`,
		...extra,
	};
}

/** A multi-select of people (userids); `max` is what one DingTalk call takes. */
export function usersField(name: string, displayName: string, max: number, extra: Partial<INodeProperties> = {}): INodeProperties {
	return multiPick('getUsers', 'userids', name, displayName, max, extra);
}

/** A multi-select of departments (sub-departments are included by DingTalk where it says so). */
export function departmentsField(name: string, displayName: string, max: number, extra: Partial<INodeProperties> = {}): INodeProperties {
	return multiPick('getDepartments', 'department IDs', name, displayName, max, extra);
}

/** One person: From List (search by name) or By ID (a userid). */
export function userLocator(name: string, displayName: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a person...',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'manager4220',
				hint: 'The DingTalk userid (通讯录 > member details, or the userid an earlier node gave)',
			},
		],
		...extra,
	};
}

/** The userid a resource locator (or a plain text from an expression) gives; empty is refused. */
export function readUserLocator(f: ItemFields, name: string, label: string): string {
	const value = f.param<unknown>(name, '');
	const raw = value && typeof value === 'object' && !Array.isArray(value) ? (value as { value?: unknown }).value : value;
	const id = f.text(raw, label, { required: true }).trim();
	if (/[,;\s]/.test(id)) f.fail(label, `"${id}" is not one userid`);
	return id;
}
