import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';
import { accountField, userNotice } from './getMessageCount.operation';

const STATES: Record<string, string> = { '1': 'Read', '2': 'Unread', '3': 'Done', '4': 'Pending' };
const TYPES: Record<string, string> = { '1': 'Notice', '4': 'Todo' };

export const description: INodeProperties[] = [
	userNotice,
	accountField,
	{
		displayName: 'Filter',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'All', value: '' },
			{ name: 'Done Todos', value: '2' },
			{ name: 'Pending Todos', value: '1' },
			{ name: 'Read', value: '4' },
			{ name: 'Unread', value: '3' },
		],
		default: '',
	},
	{
		displayName: 'Title Contains',
		name: 'search',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
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
		const returnAll = f.yesNo(f.param('returnAll'), 'Return All', false);
		return {
			base: {
				account: f.text(f.param('account'), 'Account', { required: true }),
				type: f.oneOf(f.param('type', ''), 'Filter', ['', '1', '2', '3', '4']),
				search: f.text(f.param('search', ''), 'Title Contains'),
			},
			max: returnAll ? Number.MAX_SAFE_INTEGER : f.integer(f.param('limit', 50), 'Limit', { min: 1 }),
			simplify: f.yesNo(f.param('simplify'), 'Simplify', true),
		};
	},
	async execute(t, { base, max, simplify }, i) {
		const out: IDataObject[] = [];
		const size = Math.min(100, max);
		for (let page = 1; out.length < max; page++) {
			const answer = await t.call<VanytechAnswer<IDataObject>>(ROUTES.userMessages, { ...base, page: String(page), size: String(size) }, i);
			const list = (answer.resultData?.msglist ?? []) as IDataObject[];
			out.push(...list.slice(0, max - out.length));
			const total = Number(answer.resultData?.total ?? 0);
			if (list.length < size || page * size >= total) break;
		}
		return simplify
			? out.map((m) => ({ ...m, typeName: TYPES[String(m.type)] ?? 'Other', stateName: STATES[String(m.state)] ?? 'Other' }))
			: out;
	},
};
