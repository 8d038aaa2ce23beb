import type { INodeProperties } from 'n8n-workflow';
import type { ItemFields } from '../../common/validation';

/** 【】 may not appear in SMS text (the platform reserves it for its own signature). */
export const SMS_BRACKETS = /[【】]/;

export const convertBracketsOption: INodeProperties = {
	displayName: 'Convert 【】 to 〖〗',
	name: 'convertBrackets',
	type: 'boolean',
	default: false,
	description:
		'Whether to replace 【 and 】 with 〖 and 〗 in SMS text. The platform forbids 【】 in SMS (it is reserved for the SMS signature); without this option such text is rejected before sending.',
};

/** Checks (or converts) 【】 in text that goes out by SMS. */
export function smsSafe(f: ItemFields, text: string, label: string, convert: boolean): string {
	if (!SMS_BRACKETS.test(text)) return text;
	if (convert) return text.replace(/【/g, '〖').replace(/】/g, '〗');
	return f.fail(
		label,
		'contains 【 or 】, which the platform forbids in SMS text',
		'Use 〖〗 instead (for example 〖Research Office〗), or turn on the option "Convert 【】 to 〖〗".',
	);
}

/** The msgId of a message the message center sent (Confirm Todo, Get Progress). */
export function msgIdField(description: string): INodeProperties {
	return { displayName: 'Message ID', name: 'msgId', type: 'string', default: '', required: true, description };
}

/** An item's Message ID (a msgId is at most 36 characters). */
export function readMsgId(f: ItemFields): string {
	return f.text(f.param('msgId'), 'Message ID', { required: true, maxLength: 36 });
}
