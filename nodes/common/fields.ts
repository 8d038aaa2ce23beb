import type { INodeProperties } from 'n8n-workflow';

/**
 * A list that users fill either row by row or as a JSON array (for example built by an earlier
 * node): three properties — the input mode, the rows, and the JSON. Read it back with
 * ItemFields.rowsOrJson(spec), which labels each row for error messages.
 */
export interface RowsOrJsonSpec {
	/** Parameter name of the rows, e.g. "receivers"; the others are `${name}Input` and `${name}Json`. */
	name: string;
	displayName: string;
	/** Key of one row inside the fixedCollection, e.g. "receiver". */
	rowName: string;
	rowDisplayName: string;
	values: INodeProperties[];
	/** Default of the JSON field, which also shows its shape. */
	jsonExample: string;
	jsonDescription: string;
}

export function rowsOrJsonFields(spec: RowsOrJsonSpec): INodeProperties[] {
	return [
		{
			displayName: `${spec.displayName} Input`,
			name: `${spec.name}Input`,
			type: 'options',
			options: [
				{ name: 'List', value: 'list', description: 'Enter them one by one' },
				{ name: 'JSON', value: 'json', description: 'A JSON array, for example built by an earlier node' },
			],
			default: 'list',
		},
		{
			displayName: spec.displayName,
			name: spec.name,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: `Add ${spec.rowDisplayName}`,
			default: {},
			displayOptions: { show: { [`${spec.name}Input`]: ['list'] } },
			options: [{ displayName: spec.rowDisplayName, name: spec.rowName, values: spec.values }],
		},
		{
			displayName: `${spec.displayName} (JSON)`,
			name: `${spec.name}Json`,
			type: 'json',
			default: `${spec.jsonExample}`,
			displayOptions: { show: { [`${spec.name}Input`]: ['json'] } },
			description: spec.jsonDescription,
		},
	];
}
