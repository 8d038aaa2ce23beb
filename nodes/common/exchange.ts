import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { markOutcome } from './outcome';

export interface ExchangeAnswer {
	status: number;
	body: IDataObject;
}

/**
 * One request of a credential's token exchange (or authorization), for preAuthentication. Every
 * HTTP status comes back as an answer for the credential to judge; a request that gets no answer
 * becomes an error that names the step and the host, never the request's parameters (which hold
 * the secret). A body that is JSON text is parsed; one that is not JSON becomes {}.
 */
export async function exchange(
	helpers: IHttpRequestHelper['helpers'],
	step: string,
	options: IHttpRequestOptions,
): Promise<ExchangeAnswer> {
	let answer: { statusCode?: number; body?: unknown };
	try {
		answer = (await helpers.httpRequest({
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode?: number; body?: unknown };
	} catch (error) {
		const code = (error as { code?: string })?.code;
		let host = options.baseURL ?? options.url;
		try {
			host = new URL(options.url, options.baseURL).origin;
		} catch {
			// keep what was given
		}
		throw exchangeFailed(step, undefined, `no answer from ${host} (${code ?? 'network error'}). Check the Base URL and the network.`);
	}
	let body = answer?.body;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			body = {};
		}
	}
	return {
		status: Number(answer?.statusCode ?? 0),
		body: (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as IDataObject,
	};
}

/** The error a failed exchange throws: the platform's code and an English reason, plus its own text. */
export function exchangeFailed(step: string, code: unknown, why: string, platformText?: unknown): Error {
	const text = platformText === undefined || platformText === null ? '' : String(platformText).trim();
	// The message request waits for the exchange: a failed exchange means it was never sent.
	return markOutcome(
		new Error(
			`${step} failed: ${code !== undefined && code !== null && code !== '' ? `error ${String(code)}: ` : ''}${why}${text ? ` (platform message: ${text})` : ''}`,
		),
		'unsent',
	);
}
