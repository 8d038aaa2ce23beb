/**
 * The custom form of a send-and-wait: its fields read from the node (rows or n8n's JSON form
 * definition) and checked before anything is sent, and an answer read back from a POST.
 */
import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../answers';
import type { ItemFields } from '../validation';
import { FIELD_TYPES } from './properties';
import type { FieldType } from './properties';

export interface FormField {
	/** The input's name in the page: field-0, field-1, … */
	id: string;
	label: string;
	/** The key of the value in the output (the label, as n8n's nodes of version 1 use it). */
	key: string;
	type: FieldType;
	placeholder: string;
	required: boolean;
	options: string[];
	multiselect: boolean;
	/** A hidden field's value. */
	value: string;
}

const WITH_OPTIONS: FieldType[] = ['dropdown', 'checkbox', 'radio'];

/** The free-text form: one required text area. */
export function freeTextFields(label: string): FormField[] {
	return [{ id: 'field-0', label, key: 'text', type: 'textarea', placeholder: '', required: true, options: [], multiselect: false, value: '' }];
}

/** The custom form's fields, from the rows or the JSON definition; bad definitions are refused. */
export function readFormFields(f: ItemFields): FormField[] {
	const json = f.param<string>('defineForm', 'fields') === 'json';
	const label = json ? 'Form Fields' : 'Form Elements';
	const raw = json
		? (f.json(f.param('jsonOutput', '[]'), label, 'array') as unknown[])
		: f.rows(f.param('formFields', {}), 'values');
	if (raw.length === 0) f.fail(label, 'has no field', 'Add at least one form field.');
	const keys = new Set<string>();
	return raw.map((entry, n) => {
		const where = `${label} ${json ? 'entry' : 'row'} ${n + 1}`;
		if (!isObject(entry)) f.fail(where, `is ${JSON.stringify(entry)}, not an object`);
		const e = entry as IDataObject;
		const type = f.oneOf(e.fieldType ?? 'text', `${where} Element Type`, FIELD_TYPES);
		const fieldLabel = f.text(e.fieldLabel ?? (type === 'hiddenField' ? e.fieldName : undefined), `${where} Field Label`, { required: true }).trim();
		const custom = typeof e.fieldName === 'string' && e.fieldName.trim() ? e.fieldName.trim() : '';
		const key = custom || fieldLabel;
		if (keys.has(key) || key === 'respondedAt') f.fail(`${where} Field Label`, `"${key}" is used twice (or is reserved); every field needs its own name`);
		keys.add(key);
		const options = WITH_OPTIONS.includes(type)
			? f.rows(e.fieldOptions, 'values').map((o, k) => f.text(o.option, `${where} Field Options row ${k + 1}`, { required: true }))
			: [];
		if (WITH_OPTIONS.includes(type) && options.length === 0) f.fail(`${where} Field Options`, 'is empty: a choice field needs at least one option');
		return {
			id: `field-${n}`,
			label: fieldLabel,
			key,
			type,
			placeholder: f.text(e.placeholder, `${where} Placeholder`),
			required: type !== 'hiddenField' && f.yesNo(e.requiredField, `${where} Required Field`, false),
			options,
			multiselect: type === 'dropdown' && f.yesNo(e.multiselect, `${where} Multiple Choice`, false),
			value: f.text(e.fieldValue, `${where} Field Value`),
		};
	});
}

/** A POSTed answer: the values, or the fields that need one (by id). */
export type FormAnswer = { ok: true; values: IDataObject } | { ok: false; missing: string[]; invalid: string[] };

const asList = (v: unknown): string[] =>
	(Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map((x) => String(x)).filter((x) => x !== '');

/** Reads the form's values from a POST body (fields named field-0, field-1, …). */
export function readFormAnswer(fields: FormField[], body: IDataObject): FormAnswer {
	const values: IDataObject = {};
	const missing: string[] = [];
	const invalid: string[] = [];
	for (const field of fields) {
		const given = asList(body[field.id]);
		if (field.type === 'hiddenField') {
			values[field.key] = field.value;
			continue;
		}
		if (field.required && (given.length === 0 || given.every((v) => v.trim() === ''))) missing.push(field.id);
		const chosen = WITH_OPTIONS.includes(field.type) ? given.filter((v) => field.options.includes(v)) : given;
		if (chosen.length !== given.length) invalid.push(field.id);
		if (field.type === 'checkbox' || field.multiselect) {
			values[field.key] = chosen;
		} else if (field.type === 'number') {
			const n = chosen[0] === undefined || chosen[0].trim() === '' ? null : Number(chosen[0]);
			if (n !== null && !Number.isFinite(n)) invalid.push(field.id);
			values[field.key] = n;
		} else {
			values[field.key] = chosen[0] ?? '';
		}
	}
	return missing.length || invalid.length ? { ok: false, missing, invalid } : { ok: true, values };
}
