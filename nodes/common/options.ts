import type { INodeProperties } from 'n8n-workflow';

/** An operation's "Options" collection (parameter `options`) holding these options, in this order. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
