import type { IExecuteFunctions } from 'n8n-workflow';
import { messageOf } from '../../../common/errors';
import type { RequestContext, Transport } from '../../../common/transport';
import { openTransport } from '../../../common/transport';
import { ROUTES, eazytecClient } from '../../transport';

/** The message categories the platform's dictionary lists (获取消息类型字典: `data` is a list of texts). */
export async function readCategories(t: Transport, itemIndex?: number): Promise<string[]> {
	const answer = await t.call<{ data?: unknown }>(ROUTES.categories, {}, itemIndex);
	const data = answer.data;
	if (!Array.isArray(data) || data.some((v) => typeof v !== 'string')) {
		throw new Error(`the category dictionary answered ${JSON.stringify(data)?.slice(0, 100)}, not a list of texts`);
	}
	return [...new Set(data as string[])];
}

export interface Dictionary {
	values: string[];
	/** Why the dictionary could not be read, when it could not. */
	error?: string;
}

const cache = new WeakMap<object, Promise<Dictionary>>();

/** The dictionary, read at most once per execution (or load-options call); never throws. */
export async function platformCategories(ctx: RequestContext | IExecuteFunctions): Promise<Dictionary> {
	let pending = cache.get(ctx);
	if (!pending) {
		pending = (async () => {
			try {
				return { values: await readCategories(await openTransport(ctx, eazytecClient)) };
			} catch (error) {
				return { values: [], error: messageOf(error) };
			}
		})();
		cache.set(ctx, pending);
	}
	return await pending;
}
