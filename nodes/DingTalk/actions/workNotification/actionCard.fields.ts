/** The fields of an action card (msgtype "action_card"): one link for the whole card, or buttons. */
import type { INodeProperties } from 'n8n-workflow';
import { whenType } from './msg.fields';

const single = { cardStyle: ['single'] };
const buttons = { cardStyle: ['buttons'] };

export const actionCardFields: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'cardTitle',
		type: 'string',
		default: '',
		displayOptions: whenType(['action_card']),
		description: 'Shown in the conversation list and the notification',
	},
	{
		displayName: 'Markdown',
		name: 'cardMarkdown',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		displayOptions: whenType(['action_card']),
		description: 'The card text in Markdown (1000 characters recommended)',
	},
	{
		displayName: 'Card Style',
		name: 'cardStyle',
		type: 'options',
		displayOptions: whenType(['action_card']),
		options: [
			{ name: 'One Link for the Whole Card', value: 'single' },
			{ name: 'Separate Buttons', value: 'buttons' },
		],
		default: 'single',
	},
	{
		displayName: 'Button Title',
		name: 'cardSingleTitle',
		type: 'string',
		default: '',
		required: true,
		displayOptions: whenType(['action_card'], single),
		description: 'At most 20 characters, e.g. 查看详情',
	},
	{
		displayName: 'Button URL',
		name: 'cardSingleUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: whenType(['action_card'], single),
		description: 'At most 500 characters',
	},
	{
		displayName: 'Button Orientation',
		name: 'cardButtonOrientation',
		type: 'options',
		displayOptions: whenType(['action_card'], buttons),
		options: [
			{ name: 'Vertical', value: '0' },
			{ name: 'Horizontal', value: '1' },
		],
		default: '0',
	},
	{
		displayName: 'Buttons',
		name: 'cardButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		displayOptions: whenType(['action_card'], buttons),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'At most 20 characters' },
					{ displayName: 'URL', name: 'actionUrl', type: 'string', default: '', description: 'At most 700 characters' },
				],
			},
		],
	},
];
