import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { platformCategories } from '../actions/dictionary/categories';
import { CATEGORIES, CATEGORY_NAMES } from '../actions/message/send.fields';

const label = (value: string) => (CATEGORY_NAMES[value] ? `${CATEGORY_NAMES[value]} (${value})` : value);

export const loadOptions = {
	/** The platform's category dictionary; the documented four when it cannot be read. */
	async getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const dictionary = await platformCategories(this);
		if (dictionary.error || dictionary.values.length === 0) {
			const why = dictionary.error ? `the platform's dictionary could not be read (${dictionary.error})` : 'the platform\'s dictionary is empty';
			return CATEGORIES.map((value) => ({ name: label(value), value, description: `Documented value; ${why}` }));
		}
		return dictionary.values.map((value) => ({ name: label(value), value, description: 'From the platform\'s category dictionary' }));
	},
};
