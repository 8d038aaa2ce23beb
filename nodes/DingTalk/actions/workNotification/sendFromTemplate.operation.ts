import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { variablesFields } from '../../../common/fields';
import type { VariablesSpec } from '../../../common/fields';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { answerData, ROUTES } from '../../transport';
import { noticeField } from '../../../common/properties';
import { agentIdField, idNumber, optionsCollection, requireAppType } from '../shared';
import { readReceivers, receiverFields } from './receivers';
import type { ReceiverLimits } from './receivers';

/**
 * sendbytemplate: the table says userid_list 5000 and dept_id_list 500, the call notes "at most 1000
 * people per send": 1000 users by default (Options > Max Users per Call up to 5000), and no to_all_user.
 */
export const TEMPLATE_LIMITS: ReceiverLimits = { users: 1000, depts: 500, everyone: false };
export const TEMPLATE_TABLE_MAX_USERS = 5000;

const VARIABLES: VariablesSpec = {
	name: 'variables',
	displayName: 'Variables',
	description: "Values for the template's variables",
	jsonExample: '{}',
};

export const description: INodeProperties[] = [
	noticeField('templateNotice', 'Needs a credential with App Type "Third-Party Enterprise App": DingTalk offers templates only to third-party apps. The template must be approved in the developer console first.'),
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
	...variablesFields(VARIABLES),
	optionsCollection([
		{
			displayName: 'Max Users per Call',
			name: 'maxUsers',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: TEMPLATE_TABLE_MAX_USERS },
			default: 1000,
			description:
				"Most user IDs one send may carry. DingTalk's call notes say 1000 people per send (the default); its parameter table says 5000.",
		},
	]),
];

/** The template's variables with text values (DingTalk takes text only: numbers are sent as text). */
function textVariables(f: ItemFields): Record<string, string> {
	const data: Record<string, string> = {};
	for (const [name, value] of Object.entries(f.variables(VARIABLES))) data[name] = String(value);
	return data;
}

export interface Prepared {
	body: IDataObject;
}

export const sendFromTemplate: Operation<Prepared> = {
	description,
	sends: true,
	async prepare(f) {
		await requireAppType(this, f, 'thirdParty', 'Send From Template');
		const agentId = idNumber(f, f.param('agentId'), 'Agent ID');
		const templateId = f.text(f.param('templateId'), 'Template ID', { required: true });
		const maxUsers = f.integer(f.param('options.maxUsers', TEMPLATE_LIMITS.users), 'Max Users per Call', { min: 1, max: TEMPLATE_TABLE_MAX_USERS });
		const { receivers } = readReceivers(f, { ...TEMPLATE_LIMITS, users: maxUsers });
		const data = textVariables(f);
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
