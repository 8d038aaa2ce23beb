import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { templateSlots } from '../../methods';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';

export const publicIdField: INodeProperties = {
	displayName: 'Official Account Name or ID',
	name: 'publicId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPublicAccounts' },
	default: '',
	required: true,
	description:
		'The WeChat official account (公众号) bound to your application. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const description: INodeProperties[] = [publicIdField];

export const listTemplates: Operation<{ publicId: string }> = {
	description,
	prepare(f) {
		return { publicId: f.text(f.param('publicId'), 'Official Account', { required: true }) };
	},
	async execute(t, { publicId }, i) {
		const answer = await t.call<VanytechAnswer<IDataObject[]>>(ROUTES.listTemplates, { publicId }, i);
		const list = Array.isArray(answer.resultData) ? answer.resultData : [];
		return list.map((tpl) => ({ ...tpl, slots: templateSlots(String(tpl.content ?? '')) }));
	},
};
