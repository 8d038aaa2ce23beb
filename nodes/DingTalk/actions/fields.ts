/**
 * Builders of the DingTalk node's fields: each writes once what every field of its kind has, and
 * `more` adds the rest (description, displayOptions, typeOptions...).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { inputModeField, whenInput } from '../../common/fields';

type More = Partial<INodeProperties>;

/** A text field, empty by default. */
export function textField(displayName: string, name: string, more: More = {}): INodeProperties {
	return { displayName, name, type: 'string', default: '', ...more };
}

/** A text field that must be filled. */
export function requiredText(displayName: string, name: string, more: More = {}): INodeProperties {
	return textField(displayName, name, { required: true, ...more });
}

/** A number field. */
export function numberField(displayName: string, name: string, defaultValue: number, more: More = {}): INodeProperties {
	return { displayName, name, type: 'number', default: defaultValue, ...more };
}

/** A yes/no switch, off by default. */
export function switchField(displayName: string, name: string, description: string, more: More = {}): INodeProperties {
	return { displayName, name, type: 'boolean', default: false, description, ...more };
}

/** A pick-list of these options. */
export function choiceField(
	displayName: string,
	name: string,
	options: INodePropertyOptions[],
	defaultValue: string | number,
	more: More = {},
): INodeProperties {
	return { displayName, name, type: 'options', options, default: defaultValue, ...more };
}

/** Rows of values (a fixedCollection taking several rows); `row` names one row. */
export function rowsField(
	displayName: string,
	name: string,
	row: { displayName: string; name: string; placeholder: string },
	values: INodeProperties[],
	more: More = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: row.placeholder,
		default: {},
		...more,
		options: [{ displayName: row.displayName, name: row.name, values }],
	};
}

/** Key-value rows ("Field" rows of Key and Value). */
export function keyValueRows(displayName: string, name: string, placeholder: string, keyMore: More, more: More): INodeProperties {
	return rowsField(displayName, name, { displayName: 'Field', name: 'field', placeholder }, [textField('Key', 'key', keyMore), textField('Value', 'value')], more);
}

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

/** A notice: text shown above the fields. */
export function noticeField(name: string, displayName: string): INodeProperties {
	return { displayName, name, type: 'notice', default: '' };
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
