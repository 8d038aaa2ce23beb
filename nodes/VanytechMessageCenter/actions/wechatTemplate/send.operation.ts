import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { choiceField } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';
import { publicIdField } from './listTemplates.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		description: 'Staff or student number (学工号) of the receiver',
	},
	publicIdField,
	{
		displayName: 'Template',
		name: 'templateId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'A template of the chosen official account',
		typeOptions: { loadOptionsDependsOn: ['publicId.value'] },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. hLvE9RSVGrNHCBFHkbAgTjaaFLH8sS66Z7Wu8K3EyS4',
			},
		],
	},
	{
		displayName: 'Template Slots',
		name: 'slots',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['publicId.value', 'templateId.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateSlots',
				mode: 'add',
				fieldWords: { singular: 'slot', plural: 'slots' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
			},
		},
		description: 'The values of the template\'s {{keywordN.DATA}} slots',
	},
	choiceField('Category', 'messageType', [{ name: 'Notice', value: '1' }, { name: 'Todo', value: '2' }], '1'),
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		description: 'The page the message opens (may be an OAuth address)',
	},
];

export const sendTemplate: Operation<{ body: IDataObject }> = {
	description,
	sends: true,
	prepare(f) {
		const mapper = f.param<{ value?: IDataObject | null; schema?: Array<{ id: string; required?: boolean; removed?: boolean }> }>(
			'slots',
			{},
		);
		const values = mapper?.value ?? {};
		const data: IDataObject = {};
		for (const [slot, value] of Object.entries(values)) {
			if (value === null || value === undefined || value === '') continue;
			data[slot] = { value: f.text(value, `Template Slots: ${slot}`) };
		}
		for (const field of mapper?.schema ?? []) {
			if (field.required && !field.removed && data[field.id] === undefined) {
				f.fail(`Template Slots: ${field.id}`, 'is required by the template but empty');
			}
		}
		if (Object.keys(data).length === 0) f.fail('Template Slots', 'fill at least one slot of the template');
		return {
			body: {
				userId: f.text(f.param('userId'), 'User ID', { required: true }),
				publicId: f.text(f.locator('publicId'), 'Official Account', { required: true }),
				templateId: f.text(f.locator('templateId'), 'Template', { required: true }),
				messageType: f.oneOf(f.param('messageType'), 'Category', ['1', '2']),
				url: f.url(f.param('url'), 'URL', { required: true }),
				data,
			},
		};
	},
	async execute(t, { body }, i) {
		// A template message WeChat refused is answered as accepted with status "1": judged as an error by the transport.
		const answer = await t.call<VanytechAnswer<IDataObject>>(ROUTES.sendTemplate, body, i);
		return { ...(answer.resultData ?? {}), sent: true };
	},
};
