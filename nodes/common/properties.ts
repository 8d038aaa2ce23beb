/**
 * Node properties that many operations declare alike, written once.
 */
import type { INodeProperties } from 'n8n-workflow';

/** The "Options" collection (parameter `options`) holding an operation's optional settings. */
export function optionsCollection(options: INodeProperties[], extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		...extra,
		options,
	};
}

/** An option (`type: 'options'`) of the given choices. */
export function choiceField(
	displayName: string,
	name: string,
	options: NonNullable<INodeProperties['options']>,
	fallback: INodeProperties['default'],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'options', options, default: fallback, ...extra };
}
