import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { answerData, ROUTES } from '../../transport';
import { agentIdField, idNumber, optionsCollection } from '../shared';
import { readReceivers, receiverFields } from './receivers';
import type { ReceiverLimits } from './receivers';

/** sendbytemplate: userid_list at most 5000, dept_id_list at most 500, and no to_all_user. */
export const TEMPLATE_LIMITS: ReceiverLimits = { users: 5000, depts: 500, everyone: false };

export const description: INodeProperties[] = [
	{
		displayName:
			'DingTalk documents templates for third-party enterprise apps: the template must be created and approved in the developer console first',
		name: 'templateNotice',
		type: 'notice',
		default: '',
	},
	agentIdField,
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e27a9eed42b34a14a2xxxx',
		description: 'The message template ID: developer console > your app > Development Management (开发管理) > message templates',
	},
	...receiverFields(TEMPLATE_LIMITS),
	{
		displayName: 'Variables Input',
		name: 'dataInput',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'fields',
	},
	{
		displayName: 'Variables',
		name: 'data',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { show: { dataInput: ['fields'] } },
		description: 'Values for the template\'s variables',
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Variables (JSON)',
		name: 'dataJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { dataInput: ['json'] } },
		description: 'A JSON object of variable name to value; values are sent as text',
	},
	optionsCollection(),
];

export interface Prepared {
	body: IDataObject;
}

export const sendFromTemplate: Operation<Prepared> = {
	description,
	prepare(f) {
		const agentId = idNumber(f, f.param('agentId'), 'Agent ID');
		const templateId = f.text(f.param('templateId'), 'Template ID', { required: true });
		const { receivers } = readReceivers(f, TEMPLATE_LIMITS);
		const data: Record<string, string> = {};
		if (f.param('dataInput') === 'json') {
			const given = f.json(f.param('dataJson', '{}') || '{}', 'Variables (JSON)', 'object') as IDataObject;
			for (const [k, v] of Object.entries(given)) {
				if (v !== null && typeof v === 'object') f.fail('Variables (JSON)', `the value of "${k}" is not text; DingTalk takes text values only`);
				data[k] = v === null || v === undefined ? '' : String(v);
			}
		} else {
			f.rows(f.param('data'), 'variable').forEach((r, n) => {
				const name = f.text(r.name, `Variables row ${n + 1} Name`, { required: true });
				data[name] = r.value === undefined || r.value === null ? '' : String(r.value);
			});
		}
		const body: IDataObject = { agent_id: agentId, template_id: templateId, ...receivers };
		// data is documented as a String holding JSON whose keys and values are strings.
		if (Object.keys(data).length) body.data = JSON.stringify(data);
		return { body };
	},
	async execute(t, { body }, i) {
		const answer = await t.call(ROUTES.sendbytemplate, body, i);
		return { agent_id: body.agent_id, template_id: body.template_id, ...answerData(answer) };
	},
};
