/** The fields of an OA message (msgtype "oa"): head, body and the optional status bar. */
import type { INodeProperties } from 'n8n-workflow';
import { keyValueRows, numberField, requiredText, textField } from '../../../common/properties';
import { whenType } from './msg.fields';

const oa = whenType(['oa']);

export const oaFields: INodeProperties[] = [
	requiredText('Message URL', 'oaMessageUrl', { displayOptions: oa, description: 'Where a click on the message leads' }),
	requiredText('Head Text', 'oaHeadText', {
		displayOptions: oa,
		description: 'Required by DingTalk, but in work notifications DingTalk shows the app name instead',
	}),
	requiredText('Head Background (ARGB)', 'oaHeadBg', {
		default: 'FFBBBBBB',
		displayOptions: oa,
		description: 'Background of the head: 8 hexadecimal digits, alpha first (ARGB), without "0x"',
	}),
	{
		displayName: 'Body',
		name: 'oaBody',
		type: 'collection',
		placeholder: 'Add Body Part',
		default: {},
		displayOptions: oa,
		options: [
			textField('Author', 'author'),
			textField('Content', 'content', { typeOptions: { rows: 3 }, description: 'DingTalk shows at most 3 lines' }),
			numberField('File Count', 'fileCount', 0, { description: 'Number of attachments shown' }),
			keyValueRows('Form', 'form', 'Add Form Field', { placeholder: 'Name:' }, { description: 'Key-value lines (DingTalk shows at most 6)' }),
			textField('Image Media ID', 'image', { placeholder: '@lADOADmaWMzazQKA' }),
			textField('Rich Number', 'richNum', { description: 'A highlighted number, e.g. 15.6' }),
			textField('Rich Unit', 'richUnit', { description: 'Unit of the highlighted number, e.g. 元' }),
			textField('Title', 'title', { description: 'Body title (50 characters recommended)' }),
		],
	},
	{
		displayName: 'OA Options',
		name: 'oaOptions',
		type: 'collection',
		placeholder: 'Add OA Option',
		default: {},
		displayOptions: oa,
		options: [
			textField('PC Message URL', 'pcMessageUrl', { description: 'Where a click leads in DingTalk on a PC' }),
			textField('Status Bar Color', 'statusBg', { placeholder: '0xFFF65E5E', description: '0xFF followed by six hexadecimal digits' }),
			textField('Status Bar Text', 'statusValue', {
				placeholder: '待审批',
				description: 'A status shown on the message, changeable later with Update OA Status Bar. Only for at most 5 users, without departments.',
			}),
		],
	},
];
