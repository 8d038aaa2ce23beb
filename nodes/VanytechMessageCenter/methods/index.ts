import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	ResourceMapperFields,
} from 'n8n-workflow';
import { Transport } from '../../common/transport';
import { ROUTES, vanytechClient } from '../transport';
import type { VanytechAnswer } from '../transport';

/** The `{{name.DATA}}` slots of a WeChat template's content, in order. */
export function templateSlots(content: string): string[] {
	const slots: string[] = [];
	for (const m of content.matchAll(/\{\{\s*([A-Za-z0-9_]+)\.DATA\s*\}\}/g)) {
		if (!slots.includes(m[1])) slots.push(m[1]);
	}
	return slots;
}

async function accounts(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const answer = await new Transport(ctx, vanytechClient).call<VanytechAnswer<IDataObject[]>>(ROUTES.listAccounts, {});
	return Array.isArray(answer.resultData) ? answer.resultData : [];
}

async function templates(ctx: ILoadOptionsFunctions, publicId: string): Promise<IDataObject[]> {
	if (!publicId) return [];
	const answer = await new Transport(ctx, vanytechClient).call<VanytechAnswer<IDataObject[]>>(ROUTES.listTemplates, {
		publicId,
	});
	return Array.isArray(answer.resultData) ? answer.resultData : [];
}

/** A parameter of the node being edited; a resource locator gives its ID. */
function currentId(ctx: ILoadOptionsFunctions, name: string): string {
	const value = ctx.getCurrentNodeParameter(name, { extractValue: true });
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The items whose name, ID or description contain the filter (the platform's lists take no search term). */
function matching(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const term = (filter ?? '').trim().toLowerCase();
	if (!term) return { results: items };
	return {
		results: items.filter((i) => [i.name, String(i.value), i.description ?? ''].some((text) => text.toLowerCase().includes(term))),
	};
}

/** "From list" of the resource locators: the official accounts, and the chosen account's templates. */
export const listSearch = {
	async searchPublicAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const items = (await accounts(this)).map((a) => ({
			name: `${String(a.publicName)}${String(a.status) === '2' ? ' (Unavailable)' : ''}`,
			value: String(a.publicId),
			description: a.remark ? String(a.remark) : undefined,
		}));
		return matching(items, filter);
	},

	async searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const items = (await templates(this, currentId(this, 'publicId'))).map((t) => ({
			// Templates of one account may share a title: the start of the ID tells them apart.
			name: `${String(t.title)} (${String(t.template_id).slice(0, 8)}…)`,
			value: String(t.template_id),
			description: String(t.example ?? t.content ?? '').slice(0, 200),
		}));
		return matching(items, filter);
	},
};

export const resourceMapping = {
	/** The chosen template's slots (first, keyword1…, remark) as fields to fill. */
	async getTemplateSlots(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
		const publicId = currentId(this, 'publicId');
		const templateId = currentId(this, 'templateId');
		const template = (await templates(this, publicId)).find((t) => t.template_id === templateId);
		if (!template) return { fields: [], emptyFieldsNotice: 'Choose an official account and a template first' };
		const content = String(template.content ?? '');
		return {
			fields: templateSlots(content).map((slot) => {
				const line = content.split('\n').find((l) => l.includes(`{{${slot}.DATA}}`)) ?? slot;
				const label = line.replace(/\{\{[^}]+\}\}/g, '').replace(/[：:]\s*$/, '').trim();
				return {
					id: slot,
					displayName: label ? `${label} (${slot})` : slot,
					required: /^keyword\d+$/.test(slot),
					defaultMatch: false,
					display: true,
					type: 'string',
					canBeUsedToMatch: false,
				};
			}),
		};
	},
};
