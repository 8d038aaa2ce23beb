/**
 * Kingdee JDY (精斗云 / 金蝶云星辰) API gateway signing, as done by Kingdee's official Java SDK
 * (`com.smecloud.apigw`, apigwclient 0.1.5: ApigwClient.getSignature, getQueryEncode,
 * GwURLEncoder, SHAUtil). It reproduces the official documentation's test vector, which
 * test/unit/kingdee-signature.test.ts checks.
 *
 *   stringToSign = METHOD \n gwEncode(path) \n canonicalQuery \n x-api-nonce:N \n x-api-timestamp:T \n
 *   X-Api-Signature = Base64(lowercase hex(HMAC-SHA256(key = clientSecret, msg = stringToSign)))
 *
 * - METHOD in upper case; the path alone (no host, no query), "/" encoded too; the query line
 *   stays, empty, when there are no parameters; the last "\n" is required.
 * - Only the nonce and the timestamp headers are signed, lower-cased and nonce first, whatever
 *   order X-Api-SignHeaders names them in. The nonce is a random positive integer (the SDK sends
 *   10 digits), the timestamp milliseconds since the epoch; the gateway refuses a timestamp more
 *   than 5 minutes off its own clock.
 * - What is Base64-encoded is the 64-character hex text of the digest, not the digest itself.
 * - The request body is never signed.
 *
 * For the message interface, which has no query: "POST\n%2Fjdy%2Fv2%2Fsys%2Foutside_msg\n\nx-api-nonce:N\nx-api-timestamp:T\n".
 */
import { createHmac, randomInt } from 'node:crypto';

export const AUTH_VERSION = '2.0';
/** The value the document asks for (the SDK sends "X-Api-Nonce,X-Api-TimeStamp"; both are accepted). */
export const SIGN_HEADERS = 'X-Api-TimeStamp,X-Api-Nonce';

export type QueryParams = Record<string, string | number | boolean>;

/** Lone UTF-16 surrogates become "?", as Java's String.getBytes(UTF-8) does (and so the encoders never throw). */
function wellFormed(s: string): string {
	return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?');
}

const PERCENT: Record<string, string> = {
	'!': '%21',
	"'": '%27',
	'(': '%28',
	')': '%29',
	'*': '%2A',
	'~': '%7E',
};

/**
 * Kingdee GwURLEncoder: keeps [A-Za-z0-9-_.~], space -> "+", every other UTF-8 byte -> %XX (upper case).
 * (encodeURIComponent also keeps !'()* which GwURLEncoder escapes.)
 */
export function gwEncode(s: string): string {
	return encodeURIComponent(wellFormed(String(s)))
		.replace(/[!'()*]/g, (c) => PERCENT[c])
		.replace(/%20/g, '+');
}

/** java.net.URLEncoder.encode(s, "UTF-8"): keeps [A-Za-z0-9-_.*], space -> "+", others %XX (upper case). */
export function javaUrlEncode(s: string): string {
	return encodeURIComponent(wellFormed(String(s)))
		.replace(/[!'()~]/g, (c) => PERCENT[c])
		.replace(/%20/g, '+');
}

/**
 * The official SDK's getQueryEncode: each pair becomes gwEncode(key) "=" URLEncoder(value); the
 * "k=v" strings are sorted (Java String order = JS default sort, UTF-16 code units) and joined with
 * "&"; then each pair is split again and key and value are gwEncoded once more. Values are thus
 * encoded twice ("==" -> "%253D%253D", space -> "%2B"). Empty string when there are no params.
 */
export function canonicalQuery(params: QueryParams = {}): string {
	const pairs = Object.keys(params)
		.map((k) => `${gwEncode(k)}=${javaUrlEncode(String(params[k]))}`)
		.sort();
	return pairs
		.map((pair) => {
			const eq = pair.indexOf('=');
			return `${gwEncode(pair.slice(0, eq))}=${gwEncode(pair.slice(eq + 1))}`;
		})
		.join('&');
}

export function stringToSign(
	method: string,
	path: string,
	query: QueryParams | undefined,
	nonce: string | number,
	timestamp: string | number,
): string {
	return (
		`${method.toUpperCase()}\n` +
		`${gwEncode(path)}\n` +
		`${canonicalQuery(query ?? {})}\n` +
		`x-api-nonce:${nonce}\n` +
		`x-api-timestamp:${timestamp}\n`
	);
}

/** Base64 of the lowercase hex HMAC-SHA256 (the hex string is what gets Base64-encoded). */
function hexHmacBase64(key: string, message: string): string {
	const hex = createHmac('sha256', key).update(message, 'utf8').digest('hex');
	return Buffer.from(hex, 'utf8').toString('base64');
}

/** X-Api-Signature for one request: the Client Secret, then what stringToSign takes. */
export function apiSignature(clientSecret: string, ...request: Parameters<typeof stringToSign>): string {
	return hexHmacBase64(clientSecret, stringToSign(...request));
}

/** app_signature for kingdee_auth_token: Base64(hex(HMAC-SHA256(key = appSecret, msg = appKey))). */
export function appSignature(appKey: string, appSecret: string): string {
	return hexHmacBase64(appSecret, appKey);
}

/** 10 random digits, never starting with 0 (the document asks for a random positive integer). */
export function newNonce(): string {
	return String(randomInt(1_000_000_000, 10_000_000_000));
}

export interface SignOptions {
	clientId: string;
	clientSecret: string;
	method: string;
	/** Path only: no host, no query (for example "/jdy/v2/sys/outside_msg"). */
	path: string;
	/** The query parameters the request sends (decoded values). */
	query?: QueryParams;
	nonce?: string | number;
	/** Milliseconds since the epoch. */
	timestamp?: string | number;
}

/** The X-Api-* headers that authenticate one request at the Kingdee gateway. */
export function signedHeaders(options: SignOptions): Record<string, string> {
	const nonce = String(options.nonce ?? newNonce());
	const timestamp = String(options.timestamp ?? Date.now());
	return {
		'X-Api-ClientID': options.clientId,
		'X-Api-Auth-Version': AUTH_VERSION,
		'X-Api-TimeStamp': timestamp,
		'X-Api-Nonce': nonce,
		'X-Api-SignHeaders': SIGN_HEADERS,
		'X-Api-Signature': apiSignature(
			options.clientSecret,
			options.method,
			options.path,
			options.query,
			nonce,
			timestamp,
		),
	};
}
