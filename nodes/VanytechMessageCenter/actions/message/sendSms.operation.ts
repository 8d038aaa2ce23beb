import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { rowsOrJsonFields } from '../../../common/fields';
import { optionsCollection } from '../../../common/options';
import { receiversSpec, requiredText } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';
import { convertBracketsOption, smsSafe } from '../shared';

/**
 * A mainland China mobile number as the document writes them (11 digits, "18612345678"): spaces,
 * hyphens and dots are dropped and a +86, 0086 or 86 country code is taken off. Anything else is
 * refused with the reason, before sending.
 */
export function mainlandMobile(f: ItemFields, value: unknown, label: string): string {
	const given = f.text(value, label, { required: true }).trim();
	const compact = given.replace(/[\s\-.()]/g, '');
	const hint = 'A mainland China mobile number has 11 digits and starts with 13 to 19, for example 13912345678 (a +86 or 0086 in front is allowed).';
	if (!/^\+?\d+$/.test(compact)) f.fail(label, `"${given}" contains characters other than digits`, hint);
	const national = compact.replace(/^(\+86|0086|86(?=\d{11}$))/, '');
	if (national.startsWith('+') || national.startsWith('00')) {
		f.fail(label, `"${given}" has a country code other than China's (+86)`, 'The platform sends this SMS to mainland China mobile numbers only.');
	}
	if (national.length !== 11) f.fail(label, `"${given}" has ${national.length} digits where a mobile number has 11`, hint);
	if (!/^1[3-9]/.test(national)) f.fail(label, `"${given}" is not a mobile number (it does not start with 13 to 19)`, hint);
	return national;
}

const RECEIVERS = receiversSpec(
	[
		{ displayName: 'Mobile', name: 'mobile', type: 'string', default: '', placeholder: '13912345678' },
		{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	],
	'[{"name":"","mobile":""}]',
	'A JSON array of {"name":"…","mobile":"…"}',
);

export const description: INodeProperties[] = [
	{
		displayName:
			'For people outside the organisation (not in the message center\'s directory): the SMS goes straight to their mobile numbers. 【】 is reserved for the SMS signature and is refused.',
		name: 'smsNotice',
		type: 'notice',
		default: '',
	},
	requiredText('Content', 'content', { description: 'The SMS text (msgContent)', typeOptions: { rows: 3 } }),
	...rowsOrJsonFields(RECEIVERS),
	optionsCollection([convertBracketsOption]),
];

export const sendSms: Operation<{ body: IDataObject }> = {
	description,
	sends: true,
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const content = smsSafe(f, f.text(f.param('content'), 'Content', { required: true }), 'Content', f.yesNo(options.convertBrackets, 'Convert 【】 to 〖〗', false));
		const receivers = f.rowsOrJson(RECEIVERS).map(({ row, label }) => ({
			name: f.text(row.name, `${label} Name`),
			mobile: mainlandMobile(f, row.mobile, `${label} Mobile`),
		}));
		return { body: { msgContent: content, receivers: JSON.stringify(receivers) } };
	},
	async execute(t, { body }, i) {
		const answer = await t.call<VanytechAnswer>(ROUTES.sendSms, body, i);
		return { ...(answer.resultData as IDataObject) };
	},
};
