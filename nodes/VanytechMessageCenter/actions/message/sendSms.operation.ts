import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { rowsOrJsonFields } from '../../../common/fields';
import type { RowsOrJsonSpec } from '../../../common/fields';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';
import { convertBracketsOption, smsSafe } from '../shared';

const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;

const RECEIVERS: RowsOrJsonSpec = {
	name: 'receivers',
	displayName: 'Receivers',
	rowName: 'receiver',
	rowDisplayName: 'Receiver',
	values: [
		{ displayName: 'Mobile', name: 'mobile', type: 'string', default: '', placeholder: '13912345678' },
		{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	],
	jsonExample: '[{"name":"","mobile":""}]',
	jsonDescription: 'A JSON array of {"name":"…","mobile":"…"}',
};

export const description: INodeProperties[] = [
	{
		displayName:
			'For people outside the organisation (not in the message center\'s directory): the SMS goes straight to their mobile numbers. 【】 is reserved for the SMS signature and is refused.',
		name: 'smsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The SMS text (msgContent)',
	},
	...rowsOrJsonFields(RECEIVERS),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [convertBracketsOption],
	},
];

export const sendSms: Operation<{ body: IDataObject }> = {
	description,
	sends: true,
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const content = smsSafe(f, f.text(f.param('content'), 'Content', { required: true }), 'Content', options.convertBrackets === true);
		const receivers = f.rowsOrJson(RECEIVERS).map(({ row, label }) => ({
			name: f.text(row.name, `${label} Name`),
			mobile: f.text(row.mobile, `${label} Mobile`, {
				required: true,
				pattern: MOBILE,
				patternText: 'a mainland China mobile number (11 digits starting with 1)',
			}),
		}));
		return { body: { msgContent: content, receivers: JSON.stringify(receivers) } };
	},
	async execute(t, { body }, i) {
		const answer = await t.call<VanytechAnswer>(ROUTES.sendSms, body, i);
		return { ...(answer.resultData as IDataObject) };
	},
};
