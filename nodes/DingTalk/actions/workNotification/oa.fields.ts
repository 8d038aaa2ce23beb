/** The fields of an OA message (msgtype "oa"): head, body and the optional status bar. */
import type { INodeProperties } from 'n8n-workflow';
import { whenType } from './msg.fields';

export const oaFields: INodeProperties[] = [
	{
		displayName: 'Message URL',
		name: 'oaMessageUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: whenType(['oa']),
		description: 'Where a click on the message leads',
	},
	{
		displayName: 'Head Text',
		name: 'oaHeadText',
		type: 'string',
		default: '',
		required: true,
		displayOptions: whenType(['oa']),
		description: 'Required by DingTalk, but in work notifications DingTalk shows the app name instead',
	},
	{
		displayName: 'Head Background (ARGB)',
		name: 'oaHeadBg',
		type: 'string',
		default: 'FFBBBBBB',
		required: true,
		displayOptions: whenType(['oa']),
		description: 'Background of the head: 8 hexadecimal digits, alpha first (ARGB), without "0x"',
	},
	{
		displayName: 'Body',
		name: 'oaBody',
		type: 'collection',
		placeholder: 'Add Body Part',
		default: {},
		displayOptions: whenType(['oa']),
		options: [
			{ displayName: 'Author', name: 'author', type: 'string', default: '' },
			{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'DingTalk shows at most 3 lines' },
			{ displayName: 'File Count', name: 'fileCount', type: 'number', default: 0, description: 'Number of attachments shown' },
			{
				displayName: 'Form',
				name: 'form',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Form Field',
				default: {},
				description: 'Key-value lines (DingTalk shows at most 6)',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'Name:' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{ displayName: 'Image Media ID', name: 'image', type: 'string', default: '', placeholder: '@lADOADmaWMzazQKA' },
			{ displayName: 'Rich Number', name: 'richNum', type: 'string', default: '', description: 'A highlighted number, e.g. 15.6' },
			{ displayName: 'Rich Unit', name: 'richUnit', type: 'string', default: '', description: 'Unit of the highlighted number, e.g. 元' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Body title (50 characters recommended)' },
		],
	},
	{
		displayName: 'OA Options',
		name: 'oaOptions',
		type: 'collection',
		placeholder: 'Add OA Option',
		default: {},
		displayOptions: whenType(['oa']),
		options: [
			{ displayName: 'PC Message URL', name: 'pcMessageUrl', type: 'string', default: '', description: 'Where a click leads in DingTalk on a PC' },
			{
				displayName: 'Status Bar Color',
				name: 'statusBg',
				type: 'string',
				default: '',
				placeholder: '0xFFF65E5E',
				description: '0xFF followed by six hexadecimal digits',
			},
			{
				displayName: 'Status Bar Text',
				name: 'statusValue',
				type: 'string',
				default: '',
				placeholder: '待审批',
				description:
					'A status shown on the message, changeable later with Update OA Status Bar. Only for at most 5 users, without departments.',
			},
		],
	},
];
