/**
 * Node properties that many operations declare alike, written once.
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import type { RowsOrJsonSpec } from './fields';

type Choices = NonNullable<INodeProperties['options']>;

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

/** A text field that must be filled. */
export function requiredText(displayName: string, name: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName, name, type: 'string', default: '', required: true, description, ...extra };
}

/** The one group of a fixedCollection, as n8n's own nodes name it ("Values", key `values`). */
export function valuesGroup(values: INodeProperties[]): INodePropertyCollection[] {
	return [{ displayName: 'Values', name: 'values', values }];
}
