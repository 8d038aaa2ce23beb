/**
 * The parameters of a "Send and Wait for Response" operation, named as n8n's own nodes name them
 * (n8n's Slack, Teams, Telegram, Gmail): `subject`, `message`, `responseType`, `defineForm` /
 * `jsonOutput` / `formFields`, `approvalOptions.values.*` and `options.*` (two `options`
 * collections, one for approvals and one for the forms, as in n8n). n8n's tools read these names:
 * the Human in the Loop tool n8n generates from the node replaces `message`, hides `responseType`
 * and keeps the rest.
 */
import type { INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../options';
import { choiceField, valuesGroup } from '../properties';
import { limitWaitTimeOption } from './wait';

/** The response types, as n8n names them. */
export const RESPONSE_TYPES = ['approval', 'freeText', 'customForm'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

/** The form field types the response page offers (n8n's Form node types without File and Custom HTML). */
export const FIELD_TYPES = ['checkbox', 'date', 'dropdown', 'email', 'hiddenField', 'number', 'password', 'radio', 'text', 'textarea'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const forTypes = (types: ResponseType[]) => ({ show: { responseType: types } });

const fieldOptionsProperty: INodeProperties = {
	displayName: 'Field Options',
	name: 'fieldOptions',
	placeholder: 'Add Field Option',
	description: 'The choices offered',
	type: 'fixedCollection',
	default: { values: [{ option: '' }] },
	required: true,
	displayOptions: { show: { fieldType: ['dropdown', 'checkbox', 'radio'] } },
	typeOptions: { multipleValues: true, sortable: true },
	options: valuesGroup([{ displayName: 'Option', name: 'option', type: 'string', default: '' }]),
};

/** The custom form: fields below or JSON, as n8n's Form node defines them. */
const formProperties: INodeProperties[] = [
	choiceField('Define Form', 'defineForm', [
		{ name: 'Using Fields Below', value: 'fields' },
		{ name: 'Using JSON', value: 'json' },
	], 'fields', { noDataExpression: true, displayOptions: forTypes(['customForm']) }),
	{
		displayName: 'Form Fields',
		name: 'jsonOutput',
		type: 'json',
		typeOptions: { rows: 5 },
		default: '[\n  {\n    "fieldLabel": "Comment",\n    "fieldType": "textarea",\n    "requiredField": true\n  }\n]',
		description:
			'A JSON array of fields as n8n\'s Form node writes them: {"fieldLabel", "fieldType" (text, textarea, number, email, password, date, dropdown, checkbox, radio, hiddenField), "placeholder", "requiredField", "fieldOptions": {"values": [{"option"}]}, "multiselect", "fieldValue"}',
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['json'] } },
	},
	{
		displayName: 'Form Elements',
		name: 'formFields',
		placeholder: 'Add Form Element',
		type: 'fixedCollection',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['fields'] } },
		options: valuesGroup([
			choiceField('Element Type', 'fieldType', [
				{ name: 'Checkboxes', value: 'checkbox' },
				{ name: 'Date', value: 'date' },
				{ name: 'Dropdown List', value: 'dropdown' },
				{ name: 'Email', value: 'email' },
				{ name: 'Hidden Field', value: 'hiddenField' },
				{ name: 'Number', value: 'number' },
				{ name: 'Password', value: 'password' },
				{ name: 'Radio Buttons', value: 'radio' },
				{ name: 'Text', value: 'text' },
				{ name: 'Textarea', value: 'textarea' },
			], 'text'),
			{ displayName: 'Field Label', name: 'fieldLabel', type: 'string', default: '', placeholder: 'e.g. What is your name?', description: 'Shown above the field; also the name of the value in the output' },
			fieldOptionsProperty,
			{
				displayName: 'Field Value',
				name: 'fieldValue',
				type: 'string',
				default: '',
				description: 'The value the hidden field carries into the output',
				displayOptions: { show: { fieldType: ['hiddenField'] } },
			},
			{
				displayName: 'Multiple Choice',
				name: 'multiselect',
				type: 'boolean',
				default: false,
				description: 'Whether several options may be chosen',
				displayOptions: { show: { fieldType: ['dropdown'] } },
			},
			{
				displayName: 'Placeholder',
				name: 'placeholder',
				type: 'string',
				default: '',
				displayOptions: { show: { fieldType: ['text', 'textarea', 'number', 'email', 'password'] } },
			},
			{
				displayName: 'Required Field',
				name: 'requiredField',
				type: 'boolean',
				default: false,
				description: 'Whether the form can be sent without this field',
				displayOptions: { hide: { fieldType: ['hiddenField'] } },
			},
		]),
	},
];

/**
 * The operation's parameters: the platform's own `target` fields (recipients and the like) first,
 * then n8n's contract. `extraOptions` (platform options) join both `options` collections.
 */
export function sendAndWaitProperties(target: INodeProperties[], extraOptions: INodeProperties[] = []): INodeProperties[] {
	const sorted = (list: INodeProperties[]) => [...list].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return [
		...target,
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Approval required',
			description: 'The title of the message, and of the response page',
		},
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 4 },
			description: 'What the person is asked. Shown in the message and on the response page.',
		},
		choiceField('Response Type', 'responseType', [
			{ name: 'Approval', value: 'approval', description: 'The person approves (or declines) with a button' },
			{ name: 'Custom Form', value: 'customForm', description: 'The person fills in a form you define' },
			{ name: 'Free Text', value: 'freeText', description: 'The person writes an answer in a form' },
		], 'approval'),
		...formProperties,
		{
			displayName: 'Approval Options',
			name: 'approvalOptions',
			type: 'fixedCollection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: forTypes(['approval']),
			options: valuesGroup([
				choiceField('Type of Approval', 'approvalType', [
					{ name: 'Approve Only', value: 'single' },
					{ name: 'Approve and Disapprove', value: 'double' },
				], 'single'),
				{ displayName: 'Approve Button Label', name: 'approveLabel', type: 'string', default: 'Approve' },
				{
					displayName: 'Disapprove Button Label',
					name: 'disapproveLabel',
					type: 'string',
					default: 'Decline',
					displayOptions: { show: { approvalType: ['double'] } },
				},
			]),
		},
		{ ...optionsCollection(sorted([limitWaitTimeOption, ...extraOptions])), displayOptions: forTypes(['approval']) },
		{
			...optionsCollection(sorted([
				{ displayName: 'Message Button Label', name: 'messageButtonLabel', type: 'string', default: 'Respond', description: 'The label of the link in the message' },
				{ displayName: 'Response Form Title', name: 'responseFormTitle', type: 'string', default: '', description: 'Title of the form page (default: the subject)' },
				{
					displayName: 'Response Form Description',
					name: 'responseFormDescription',
					type: 'string',
					default: '',
					typeOptions: { rows: 2 },
					description: 'Text above the form (default: the message)',
				},
				{ displayName: 'Response Form Button Label', name: 'responseFormButtonLabel', type: 'string', default: 'Submit', description: 'The label of the form\'s send button' },
				limitWaitTimeOption,
				...extraOptions,
			])),
			displayOptions: forTypes(['freeText', 'customForm']),
		},
	];
}
