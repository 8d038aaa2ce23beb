import type { IExecuteFunctions } from 'n8n-workflow';
import type { ItemFields } from '../../../common/validation';
import { CREDENTIAL_TYPE } from '../../transport';
import { platformCategories } from '../dictionary/categories';
import { CATEGORIES_ACCEPTED } from './send.fields';

/**
 * The App ID of a request: the one given, else the credential's Client ID (the document: appid is
 * "申请的clientID"). A pasted-token credential has no Client ID, so the field is then required.
 */
export async function appIdOf(ctx: IExecuteFunctions, f: ItemFields, value: unknown, required: boolean): Promise<string> {
	const given = f.text(value, 'App ID');
	if (given) return given;
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE, f.itemIndex);
	const clientId = credentials.authentication === 'accessToken' ? '' : String(credentials.clientId ?? '').trim();
	if (!clientId && required) {
		f.fail('App ID', 'is required but empty, and the credential has no Client ID to use instead (it uses a pasted Access Token)');
	}
	return clientId;
}

/**
 * A send's category: a documented one (or the example's 通知公告), or one the platform's category
 * dictionary lists (read once per run, before anything is sent).
 */
export async function categoryOf(ctx: IExecuteFunctions, f: ItemFields): Promise<string> {
	const value = f.param('category');
	if (typeof value === 'string' && CATEGORIES_ACCEPTED.includes(value)) return value;
	const dictionary = await platformCategories(ctx);
	const allowed = [...new Set([...CATEGORIES_ACCEPTED, ...dictionary.values])];
	if (typeof value === 'string' && value.trim() === '') f.fail('Category', 'is required but empty');
	if (dictionary.error && !(typeof value === 'string' && allowed.includes(value))) {
		f.fail('Category', `${JSON.stringify(value)} is not one of the allowed values: ${allowed.join(', ')} (the platform's category dictionary could not be read: ${dictionary.error})`);
	}
	return f.oneOf(value, 'Category', allowed);
}

/** A user type: 1 (government) or 2 (enterprise), also given as those words. */
export function userType(f: ItemFields, value: unknown, label: string): number {
	const named: Record<string, number> = { government: 1, enterprise: 2 };
	const v = typeof value === 'string' && named[value.trim().toLowerCase()] ? named[value.trim().toLowerCase()] : value;
	if (v === undefined || v === null || v === '') f.fail(label, 'is required but empty (1 = government, 2 = enterprise)');
	const n = f.integer(v, label);
	if (n !== 1 && n !== 2) f.fail(label, `${n} is not 1 (government) or 2 (enterprise)`);
	return n;
}
