import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { dhcPost, TEMPLATE_PATH } from '../../transport';
import { checkVariables, optionsField, readOptions, readReceivers, receiverFields, variablesFromRows } from './shared';

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
	{
		displayName: 'Variables Input',
		name: 'variablesInput',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: 'Whether to fill the template\'s variables in fields or give them as a JSON object',
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { show: { variablesInput: ['fields'] } },
		description: 'The template\'s variables (channelParamData)',
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'name' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '患者001' },
				],
			},
		],
	},
	{
		displayName: 'Variables (JSON)',
		name: 'variablesJson',
		type: 'json',
		default: '{\n  "code": "",\n  "name": ""\n}',
		displayOptions: { show: { variablesInput: ['json'] } },
		description: 'The template\'s variables as a JSON object of names and values (text or numbers)',
	},
	...receiverFields('template'),
	optionsField('template'),
];

export interface Prepared {
	body: IDataObject;
}

export const sendFromTemplate: Operation<Prepared> = {
	description,
	prepare(f) {
		const templateCode = f.text(f.param('templateCode'), 'Template Code', { required: true }).trim();
		const channelParamData =
			f.param<string>('variablesInput', 'fields') === 'json'
				? checkVariables(f, f.json(f.param('variablesJson'), 'Variables (JSON)', 'object'), 'Variables (JSON)')
				: variablesFromRows(f, f.rows(f.param('variables', {}), 'variable'), 'Variables');
		const { receiverType, receiverData } = readReceivers(f);
		const body: IDataObject = { receiverType };
		if (receiverData) body.receiverData = receiverData;
		body.templateCode = templateCode;
		body.channelParamData = channelParamData;
		Object.assign(body, readOptions(f, 'template'));
		return { body };
	},
	async execute(t, { body }, i) {
		return await dhcPost(t, TEMPLATE_PATH, body, i);
	},
};
