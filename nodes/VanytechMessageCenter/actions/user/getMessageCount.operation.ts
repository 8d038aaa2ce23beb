import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { choiceField } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';

export const userNotice: INodeProperties = {
	displayName:
		'The user interfaces are off by default on the platform: ask its administrator to enable them for your application (error 400002 otherwise).',
	name: 'userNotice',
	type: 'notice',
	default: '',
};

export const accountField: INodeProperties = {
	displayName: 'Account',
	name: 'account',
	type: 'string',
	default: '',
	required: true,
	description: 'The user\'s staff or student number (学工号)',
};

export const description: INodeProperties[] = [
	userNotice,
	accountField,
	choiceField('Type', 'type', [{ name: 'All', value: '' }, { name: 'Notices', value: '1' }, { name: 'Todos', value: '4' }], ''),
];

export const getMessageCount: Operation<{ body: IDataObject }> = {
	description,
	prepare(f) {
		const type = f.oneOf(f.param('type', ''), 'Type', ['', '1', '4']);
		return { body: { account: f.text(f.param('account'), 'Account', { required: true }), type } };
	},
	async execute(t, { body }, i) {
		const answer = await t.call<VanytechAnswer<IDataObject>>(ROUTES.userMessageCount, body, i);
		return { account: body.account, ...(answer.resultData ?? {}) };
	},
};
