import type { INodeProperties } from 'n8n-workflow';

/**
 * "Fields or JSON": a structured value that users give either in fields of the node or as JSON
 * (for example built by an earlier node). Every such choice in the package is a parameter named
 * `<name>Input` with these two values and labels, next to the fields and a `<name>Json` parameter.
 */
export type InputMode = 'fields' | 'json';

export function inputModeField(spec: { name: string; displayName: string; description?: string }): INodeProperties {
	return {
		displayName: `${spec.displayName} Input`,
		name: `${spec.name}Input`,
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json', description: 'For example built by an earlier node' },
		],
		default: 'fields',
		description: spec.description,
	};
}

/** Shows a property only for one input mode of `<name>Input`. */
export function whenInput(name: string, mode: InputMode): INodeProperties['displayOptions'] {
	return { show: { [`${name}Input`]: [mode] } };
}

/**
 * A list filled row by row or as a JSON array of objects. Declare the spec once as a constant of
 * the operation; rowsOrJsonFields(spec) makes its properties and ItemFields.rowsOrJson(spec) reads
 * an item's rows back, each labelled for error messages ("Receivers row 2", "Receivers (JSON) entry 2").
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
		inputModeField(spec),
		{
			displayName: spec.displayName,
			name: spec.name,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: `Add ${spec.rowDisplayName}`,
			default: {},
			displayOptions: whenInput(spec.name, 'fields'),
			options: [{ displayName: spec.rowDisplayName, name: spec.rowName, values: spec.values }],
		},
		{
			displayName: `${spec.displayName} (JSON)`,
			name: `${spec.name}Json`,
			type: 'json',
			default: `${spec.jsonExample}`,
			displayOptions: whenInput(spec.name, 'json'),
			description: spec.jsonDescription,
		},
	];
}

/**
 * Named values (a template's variables): rows of name and value, or a JSON object. Read back with
 * ItemFields.variables(spec): names must be unique and not empty, values text or numbers.
 */
export interface VariablesSpec {
	/** Parameter name, e.g. "variables"; the others are `${name}Input` and `${name}Json`. */
	name: string;
	displayName: string;
	description: string;
	/** Default of the JSON field, which also shows its shape. */
	jsonExample: string;
	valuePlaceholder?: string;
}

export function variablesFields(spec: VariablesSpec): INodeProperties[] {
	return [
		inputModeField({ ...spec, description: `Whether to fill the ${spec.displayName.toLowerCase()} in fields or give them as a JSON object` }),
		{
			displayName: spec.displayName,
			name: spec.name,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Variable',
			default: {},
			displayOptions: whenInput(spec.name, 'fields'),
			description: spec.description,
			options: [
				{
					displayName: 'Variable',
					name: 'variable',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: spec.valuePlaceholder },
					],
				},
			],
		},
		{
			displayName: `${spec.displayName} (JSON)`,
			name: `${spec.name}Json`,
			type: 'json',
			default: `${spec.jsonExample}`,
			displayOptions: whenInput(spec.name, 'json'),
			description: `${spec.description}, as a JSON object of names and values (text or numbers)`,
		},
	];
}
