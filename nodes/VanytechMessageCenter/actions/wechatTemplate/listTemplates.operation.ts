import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { templateSlots } from '../../methods';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';

export const publicIdField: INodeProperties = {
	displayName: 'Official Account',
	name: 'publicId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The WeChat official account (公众号) bound to your application',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchPublicAccounts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. c3cbcaaa-88f4-466c-b7ce-dd7e07f20b75',
		},
	],
};

export const description: INodeProperties[] = [publicIdField];

export const listTemplates: Operation<{ publicId: string }> = {
	description,
	prepare(f) {
		return { publicId: f.text(f.locator('publicId'), 'Official Account', { required: true }) };
	},
	async execute(t, { publicId }, i) {
		const answer = await t.call<VanytechAnswer<IDataObject[]>>(ROUTES.listTemplates, { publicId }, i);
		const list = Array.isArray(answer.resultData) ? answer.resultData : [];
		return list.map((tpl) => ({ ...tpl, slots: templateSlots(String(tpl.content ?? '')) }));
	},
};
