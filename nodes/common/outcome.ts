import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';
import { messageOf, redact } from './errors';

/**
 * What a failed request means for the message it carried, decided where the failure is seen (the
 * Transport) and read where items are accounted for (the run loop, Delivery Keys):
 * - refused: the platform answered and certainly did not take it (an error code, busy or rate limit
 *   after the resends, a refused token);
 * - unsent: the request never left (the address could not be resolved or connected to, or the
 *   credential's token exchange or signing failed first);
 * - uncertain: it may have been taken (the connection broke or timed out after the request went
 *   out, an answer that is not the platform's, an HTTP 5xx). Never resent.
 */
export type Outcome = 'refused' | 'unsent' | 'uncertain';

const outcomes = new WeakMap<object, Outcome>();

/** Notes what an error means for its message; returns the error. */
export function markOutcome<E extends object>(error: E, outcome: Outcome): E {
	outcomes.set(error, outcome);
	return error;
}

/**
 * What an error thrown while sending means for the message. An error nobody marked (thrown by an
 * operation's own code, possibly after its request went out) counts as uncertain.
 */
export function outcomeOf(error: unknown): Outcome {
	return (typeof error === 'object' && error !== null ? outcomes.get(error) : undefined) ?? 'uncertain';
}

/** Failures before a connection exists: the request certainly never reached anyone. */
const NEVER_CONNECTED = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL'];

/**
 * A request that got no answer. The error n8n throws wraps the HTTP client's error (its `cause`).
 * Unsent: it failed before any connection, or it came from the credential's token exchange or
 * signing (marked unsent by the exchange, or a plain error with no network code). Anything with a
 * network code after connecting (reset, timeout, abort) or an HTTP client's error is uncertain.
 */
export function noAnswerOutcome(error: unknown): Outcome {
	let network = false;
	let e = error as { code?: unknown; cause?: unknown; isAxiosError?: unknown; request?: unknown; response?: unknown } | undefined;
	for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
		if (outcomes.get(e) === 'unsent') return 'unsent';
		const code = typeof e.code === 'string' ? e.code : undefined;
		if (code && NEVER_CONNECTED.includes(code)) return 'unsent';
		if (code || e.isAxiosError === true || e.request !== undefined || e.response !== undefined) network = true;
		e = e.cause as typeof e;
	}
	return network ? 'uncertain' : 'unsent';
}

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'EPIPE'];

/**
 * The error of a request that got no answer (or whose token exchange failed), with the secrets
 * taken out of its text and its outcome marked (see noAnswerOutcome).
 */
export function unansweredError(node: INode, platform: string, error: unknown, secrets: unknown[], itemIndex?: number): NodeApiError {
	const e = error as { code?: string; cause?: { code?: string } };
	const code = e?.code ?? e?.cause?.code;
	const text = redact(messageOf(error), secrets);
	const network = (code && NETWORK_CODES.includes(code)) || /timeout|ECONNREFUSED|ENOTFOUND|socket hang up/i.test(text);
	const message = network ? `${platform} could not be reached: ${text}` : text;
	const result = new NodeApiError(node, { message }, {
		message,
		description: network
			? 'The request may or may not have reached the platform. It was not resent, so that no message is sent twice. Check the Base URL in the credential and the network, then run again if needed.'
			: undefined,
		itemIndex,
	});
	result.message = message;
	return markOutcome(result, noAnswerOutcome(error));
}
