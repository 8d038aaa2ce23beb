import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { variablesFields } from '../../../common/fields';
import type { VariablesSpec } from '../../../common/fields';
import type { Operation } from '../../../common/run';
import { ROUTES, sendResult } from '../../transport';
import { DHC_COMBINE, sendBody } from './shared.checks';
import { optionsField, receiverFields } from './shared.fields';

/** The template's variables, sent as channelParamData. */
const VARIABLES: VariablesSpec = {
	name: 'variables',
	displayName: 'Variables',
	description: 'The template\'s variables (channelParamData)',
	jsonExample: '{\n  "code": "",\n  "name": ""\n}',
	valuePlaceholder: '患者001',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Template Code',
		name: 'templateCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'MSG1001',
		description: 'The code of a message template defined on the platform (templateCode); the template decides the channels and the content',
	},
	...variablesFields(VARIABLES),
	...receiverFields('template'),
	optionsField('template'),
];

export interface Prepared {
	body: IDataObject;
}

export const sendFromTemplate: Operation<Prepared> = {
	description,
	sends: true,
	// Combine Items: one call to many receivers (the document sets no maximum); "everyone" goes alone.
	combine: DHC_COMBINE,
	prepare(f) {
		const templateCode = f.text(f.param('templateCode'), 'Template Code', { required: true }).trim();
		return { body: sendBody(f, 'template', { templateCode, channelParamData: f.variables(VARIABLES) }) };
	},
	async execute(t, { body }, i) {
		return sendResult(await t.call(ROUTES.sendFromTemplate, body, i), body);
	},
};
