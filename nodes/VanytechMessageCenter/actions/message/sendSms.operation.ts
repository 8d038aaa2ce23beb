import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/router';
import { vanytechCall } from '../../transport';
import { convertBracketsOption, smsSafe } from '../shared';

const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;

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
	{
		displayName: 'Receivers Input',
		name: 'receiversInput',
		type: 'options',
		options: [
			{ name: 'List', value: 'list' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'list',
	},
	{
		displayName: 'Receivers',
		name: 'receivers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Receiver',
		default: {},
		displayOptions: { show: { receiversInput: ['list'] } },
		options: [
			{
				displayName: 'Receiver',
				name: 'receiver',
				values: [
					{ displayName: 'Mobile', name: 'mobile', type: 'string', default: '', placeholder: '13912345678' },
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Receivers (JSON)',
		name: 'receiversJson',
		type: 'json',
		default: '[{"name":"","mobile":""}]',
		displayOptions: { show: { receiversInput: ['json'] } },
		description: 'A JSON array of {"name":"…","mobile":"…"}',
	},
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
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const content = smsSafe(f, f.text(f.param('content'), 'Content', { required: true }), 'Content', options.convertBrackets === true);
		const json = f.param('receiversInput') === 'json';
		const rows = json
			? (f.json(f.param('receiversJson'), 'Receivers (JSON)', 'array') as IDataObject[])
			: f.rows(f.param('receivers'), 'receiver');
		const label = json ? 'Receivers (JSON) entry' : 'Receivers row';
		const receivers = rows.map((r, n) => {
			if (!r || typeof r !== 'object') return f.fail(`${label} ${n + 1}`, 'is not an object with name and mobile');
			const mobile = f.text(r.mobile, `${label} ${n + 1} Mobile`, {
				required: true,
				pattern: MOBILE,
				patternText: 'a mainland China mobile number (11 digits starting with 1)',
			});
			return { name: f.text(r.name, `${label} ${n + 1} Name`), mobile };
		});
		if (receivers.length === 0) f.fail('Receivers', 'needs at least one receiver');
		return { body: { msgContent: content, receivers: JSON.stringify(receivers) } };
	},
	async execute(t, { body }, i) {
		const answer = await vanytechCall(t, '/message/sendMessageBySMSApi', 'form', body, i);
		return { ...(answer.resultData as IDataObject) };
	},
};
