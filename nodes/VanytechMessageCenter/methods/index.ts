import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
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

export const loadOptions = {
	async getPublicAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await accounts(this)).map((a) => ({
			name: `${String(a.publicName)}${a.status === '2' ? ' (Unavailable)' : ''}`,
			value: String(a.publicId),
			description: a.remark ? String(a.remark) : undefined,
		}));
	},

	async getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const publicId = String(this.getCurrentNodeParameter('publicId') ?? '');
		return (await templates(this, publicId)).map((t) => ({
			name: `${String(t.title)} (${String(t.template_id).slice(0, 8)}…)`,
			value: String(t.template_id),
			description: String(t.example ?? t.content ?? '').slice(0, 200),
		}));
	},
};

export const resourceMapping = {
	/** The chosen template's slots (first, keyword1…, remark) as fields to fill. */
	async getTemplateSlots(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
		const publicId = String(this.getCurrentNodeParameter('publicId') ?? '');
		const templateId = String(this.getCurrentNodeParameter('templateId') ?? '');
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
