/**
 * Node properties that many operations declare alike, written once.
 */
import type { INodeProperties } from 'n8n-workflow';

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
