import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { collectPages, readMax, returnAllFields } from '../../../common/paging';
import { choiceField } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';
import { accountField, userNotice } from './getMessageCount.operation';

const STATES: Record<string, string> = { '1': 'Read', '2': 'Unread', '3': 'Done', '4': 'Pending' };
const TYPES: Record<string, string> = { '1': 'Notice', '4': 'Todo' };

export const description: INodeProperties[] = [
	userNotice,
	accountField,
	choiceField('Filter', 'type', [
		{ name: 'All', value: '' },
		{ name: 'Done Todos', value: '2' },
		{ name: 'Pending Todos', value: '1' },
		{ name: 'Read', value: '4' },
		{ name: 'Unread', value: '3' },
	], ''),
	{
		displayName: 'Title Contains',
		name: 'search',
		type: 'string',
		default: '',
	},
	...returnAllFields(),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to add readable type and state names to each message',
	},
];

interface Prepared {
	base: IDataObject;
	max: number;
	simplify: boolean;
}

export const getMessages: Operation<Prepared> = {
	description,
	prepare(f) {
		const max = readMax(f);
		return {
			base: {
				account: f.text(f.param('account'), 'Account', { required: true }),
				type: f.oneOf(f.param('type', ''), 'Filter', ['', '1', '2', '3', '4']),
				search: f.text(f.param('search', ''), 'Title Contains'),
			},
			max,
			simplify: f.yesNo(f.param('simplify'), 'Simplify', true),
		};
	},
	async execute(t, { base, max, simplify }, i) {
		// The platform's total ends the list, and so does a short page.
		const out = await collectPages(
			max,
			100,
			async (page, size) => {
				const answer = await t.call<VanytechAnswer<IDataObject>>(ROUTES.userMessages, { ...base, page: String(page), size: String(size) }, i);
				return { items: (answer.resultData?.msglist ?? []) as IDataObject[], total: Number(answer.resultData?.total ?? 0) };
			},
			true,
		);
		return simplify
			? out.map((m) => ({ ...m, typeName: TYPES[String(m.type)] ?? 'Other', stateName: STATES[String(m.state)] ?? 'Other' }))
			: out;
	},
};
