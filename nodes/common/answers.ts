import type { IDataObject } from 'n8n-workflow';
import type { PlatformResponse, Verdict } from './transport';

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The start of a text answer, for an error message (HTML error pages can be long). */
export function answerText(body: unknown, max = 200): string | undefined {
	if (typeof body === 'string') return body.slice(0, max);
	return undefined;
}

/**
 * The verdict on an answer that is not the platform's shape at all (an HTML page, a proxy's error,
 * another service at the Base URL). `like` names what was expected ("a DHC message platform").
 * Never resent: the request may have reached something.
 */
export function unexpectedAnswer(response: PlatformResponse, like: string, hint: string): Verdict {
	return {
		ok: false,
		kind: 'error',
		code: `HTTP ${response.statusCode}`,
		meaning: `The server did not answer like ${like}`,
		hint,
		text: answerText(response.body),
		uncertain: true,
	};
}

/** A body n8n left as text (a JSON answer sent with a non-JSON content type) parsed; anything else as it is. */
export function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		const s = body.trim();
		if (s.startsWith('{') || s.startsWith('[')) {
			try {
				return JSON.parse(s);
			} catch {
				return body;
			}
		}
	}
	return body;
}
