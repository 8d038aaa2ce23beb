import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { variablesFields } from '../../../common/fields';
import type { VariablesSpec } from '../../../common/fields';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { answerData, ROUTES } from '../../transport';
import { agentIdField, idNumber, optionsCollection } from '../shared';
import { readReceivers, receiverFields } from './receivers';
import type { ReceiverLimits } from './receivers';

/** sendbytemplate: userid_list at most 5000, dept_id_list at most 500, and no to_all_user. */
export const TEMPLATE_LIMITS: ReceiverLimits = { users: 5000, depts: 500, everyone: false };

const VARIABLES: VariablesSpec = {
	name: 'variables',
	displayName: 'Variables',
	description: "Values for the template's variables",
	jsonExample: '{}',
};

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
	...variablesFields(VARIABLES),
	optionsCollection(),
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
	prepare(f) {
		const agentId = idNumber(f, f.param('agentId'), 'Agent ID');
		const templateId = f.text(f.param('templateId'), 'Template ID', { required: true });
		const { receivers } = readReceivers(f, TEMPLATE_LIMITS);
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
