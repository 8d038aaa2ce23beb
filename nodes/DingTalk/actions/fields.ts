/**
 * The DingTalk node's own field builders: message types, action cards, Output. The generic builders
 * (text, number, switch, choice, rows, notice) are in nodes/common/properties.ts.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { inputModeField, whenInput } from '../../common/fields';
import { choiceField, rowsField, textField } from '../../common/properties';
import type { More } from '../../common/properties';

/**
 * Message fields given by type: `<input>Input` chooses fields or JSON, `<input>Type` the message type.
 * The function shows a field only when the message is built from fields, for these types.
 */
export function typeShown<T extends string>(input: string) {
	return (types: T[], extra: Record<string, string[]> = {}): INodeProperties['displayOptions'] => ({
		show: { [`${input}Input`]: ['fields'], [`${input}Type`]: types, ...extra },
	});
}

/** The whole message as JSON (`<name>`), shown when `<input>Input` is JSON; a text message is its default. */
export function messageJsonField(name: string, displayOptions: INodeProperties['displayOptions'], description: string): INodeProperties {
	return {
		displayName: 'Message (JSON)',
		name,
		type: 'json',
		default: '{\n  "msgtype": "text",\n  "text": { "content": "" }\n}',
		required: true,
		displayOptions,
		description,
	};
}

/** An action card's style: one link for the whole card, or separate buttons. */
export const CARD_STYLES: INodePropertyOptions[] = [
	{ name: 'One Link for the Whole Card', value: 'single' },
	{ name: 'Separate Buttons', value: 'buttons' },
];

export const BUTTON_ORIENTATIONS: INodePropertyOptions[] = [
	{ name: 'Vertical', value: '0' },
	{ name: 'Horizontal', value: '1' },
];

/** An action card's buttons: rows of a title and a URL (parameter `urlName`). */
export function buttonsField(name: string, urlName: string, more: More, titleMore: More = {}, urlMore: More = {}): INodeProperties {
	const values = [textField('Title', 'title', titleMore), textField('URL', urlName, urlMore)];
	return rowsField('Buttons', name, { displayName: 'Button', name: 'button', placeholder: 'Add Button' }, values, more);
}


/**
 * The start of a message given by type: `<input>Input` (fields or JSON) and the Message Type
 * (`<input>Type`, Text by default), shown when the message is built from fields.
 */
export function messageTypeFields(input: string, description: string, types: INodePropertyOptions[]): INodeProperties[] {
	return [
		inputModeField({ name: input, displayName: 'Message', description }),
		choiceField('Message Type', `${input}Type`, types, 'text', { displayOptions: whenInput(input, 'fields') }),
	];
}

/** Output: one item (`one`), or one item per user (value `perUser`). Read back with perUserOutput. */
export function outputField(one: INodePropertyOptions, perUserDescription: string): INodeProperties {
	return choiceField('Output', 'output', [one, { name: 'One Item per User', value: 'perUser', description: perUserDescription }], one.value as string);
}
