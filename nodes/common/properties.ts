/**
 * Node properties that many operations declare alike, written once.
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import type { RowsOrJsonSpec } from './fields';

type Choices = NonNullable<INodeProperties['options']>;

/** What a builder's caller adds: description, displayOptions, typeOptions, placeholder… */
export type More = Partial<INodeProperties>;

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

/** A notice: text shown above the fields. */
export function noticeField(name: string, displayName: string): INodeProperties {
	return { displayName, name, type: 'notice', default: '' };
}

/** A property of the given choices: one (`options`) or several (`multiOptions`). */
const choices =
	(type: 'options' | 'multiOptions') =>
	(displayName: string, name: string, options: Choices, fallback: INodeProperties['default'], extra: Partial<INodeProperties> = {}): INodeProperties => ({
		displayName,
		name,
		type,
		options,
		default: fallback,
		...extra,
	});

/** A choice of one (`type: 'options'`) of the given options. */
export const choiceField = choices('options');

/** A choice of several (`type: 'multiOptions'`) of the given options; the default is a list. */
export const multiChoiceField = choices('multiOptions');

/** The Receivers of a send (parameter `receivers`), a Receiver a row, or a JSON array. */
export function receiversSpec(values: INodeProperties[], jsonExample: string, jsonDescription: string): RowsOrJsonSpec {
	return { name: 'receivers', displayName: 'Receivers', rowName: 'receiver', rowDisplayName: 'Receiver', values, jsonExample, jsonDescription };
}


/** The one group of a fixedCollection, as n8n's own nodes name it ("Values", key `values`). */
export function valuesGroup(values: INodeProperties[]): INodePropertyCollection[] {
	return [{ displayName: 'Values', name: 'values', values }];
}
