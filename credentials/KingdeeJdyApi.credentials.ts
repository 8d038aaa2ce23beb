import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { exchange, exchangeFailed } from '../nodes/common/exchange';
import { appSignature, signedHeaders } from '../nodes/KingdeeJdy/signature';
import type { QueryParams } from '../nodes/KingdeeJdy/signature';

/** The two connector endpoints of the token flow (vendors.md §1.3). */
const CONNECTOR = {
	instance: '/jdyconnector/app_management/push_app_authorize',
	exchange: '/jdyconnector/app_management/kingdee_auth_token',
};
/** Third-party code says an app-token lasts 24 h; used when the answer has no usable `expires`. */
const FALLBACK_LIFETIME_MS = 24 * 3600 * 1000;
/** Renew this long before the platform's expiry (at most half the token's remaining life). */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;
/** The app secret was rotated or the app_signature is wrong (kingdee_auth_token). */
export const KINGDEE_AUTH_KEY_ERROR = 1030002006;

/** What a token exchange failure says, in English, for the codes the token flow meets. */
const EXCHANGE_HINTS: Record<string, string> = {
	'4002': 'the Client ID is empty',
	'4003': 'the Client ID is not known to the Kingdee gateway; check the Client ID of your app in the developer console',
	'4005': 'the Client ID or Client Secret is wrong',
	'4006':
		'the request time was refused: the n8n server clock must be within 5 minutes of the real time (check NTP on the n8n host)',
	'4008':
		'the request signature was refused: check that the Client Secret is the one that belongs to this Client ID (and that the n8n server clock is right)',
	'5007': 'the gateway is overloaded or rate-limiting the token interface (third-party reports: 2 calls a minute); try again in a minute',
	[String(KINGDEE_AUTH_KEY_ERROR)]:
		'the App Key / App Secret pair was refused: the App Secret is wrong, or it was rotated by Kingdee (it changes about every 24 h). Use the Outer Instance ID authorization so that n8n fetches the current secret itself, or type the current App Secret',
};

function baseOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || 'https://api.kingdee.com').replace(/\/+$/, '');
}

function isAbsolute(url: string): boolean {
	return /^[a-z][a-z\d+\-.]*:\/\//i.test(url);
}

function scalar(v: unknown): string {
	if (Array.isArray(v)) return v.map(scalar).join(',');
	if (v === null || v === undefined) return '';
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v);
}

/**
 * Signs one request for the Kingdee gateway. The query string is built here, once: the parameters
 * of `qs` and of the URL's own query are percent-encoded into the URL and `qs` is removed, so the
 * signature covers exactly the query string that goes out (n8n's own serializer is not involved).
 */
export function signKingdeeRequest(
	requestOptions: IHttpRequestOptions,
	clientId: string,
	clientSecret: string,
	baseUrl: string,
	extraHeaders: Record<string, string> = {},
): IHttpRequestOptions {
	const raw = String(requestOptions.url ?? '');
	const joined = isAbsolute(raw)
		? raw
		: `${String(requestOptions.baseURL ?? baseUrl).replace(/\/+$/, '')}/${raw.replace(/^\/+/, '')}`;
	const url = new URL(joined);
	const query: QueryParams = {};
	url.searchParams.forEach((value, key) => {
		query[key] = value;
	});
	for (const [key, value] of Object.entries((requestOptions.qs ?? {}) as IDataObject)) {
		if (value === undefined) continue;
		query[key] = scalar(value);
	}
	const search = Object.keys(query)
		.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`)
		.join('&');
	const path = url.pathname;
	const method = String(requestOptions.method ?? 'GET').toUpperCase();
	const signed: IHttpRequestOptions = {
		...requestOptions,
		method: requestOptions.method ?? 'GET',
		url: `${url.origin}${path}${search ? `?${search}` : ''}`,
		headers: {
			...(requestOptions.headers ?? {}),
			...extraHeaders,
			...signedHeaders({ clientId, clientSecret, method, path, query }),
		},
	};
	delete signed.qs;
	delete signed.baseURL;
	return signed;
}

interface AnswerOf {
	status: number;
	body: IDataObject;
}

async function signedCall(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	method: 'GET' | 'POST',
	path: string,
	qs: IDataObject,
	step: string,
): Promise<AnswerOf> {
	const base = baseOf(credentials);
	const options = signKingdeeRequest(
		{
			method,
			url: path,
			qs,
			json: true,
			...(method === 'POST' ? { body: {}, headers: { 'Content-Type': 'application/json' } } : {}),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
		String(credentials.clientId ?? '').trim(),
		String(credentials.clientSecret ?? ''),
		base,
	);
	return await exchange(helpers, `Kingdee JDY ${step}`, options);
}

function fail(step: string, status: number, body: IDataObject, fallback: string): never {
	const code = body.errcode ?? body.code;
	const why = (code !== undefined && EXCHANGE_HINTS[String(code)]) || fallback;
	throw exchangeFailed(`Kingdee JDY ${step}`, code ?? `HTTP ${status}`, why, body.description ?? body.msg ?? body.message);
}

interface Instance {
	appKey: string;
	appSecret: string;
	domain: string;
}

/** push_app_authorize: the instance's appKey, appSecret and domain (the X-GW-Router-Addr). */
async function authorizeInstance(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<Instance> {
	const step = 'authorization (push_app_authorize)';
	const outerInstanceId = String(credentials.outerInstanceId ?? '').trim();
	if (!outerInstanceId) throw new Error(`Kingdee JDY ${step} failed: the Outer Instance ID is empty`);
	const { status, body } = await signedCall(helpers, credentials, 'POST', CONNECTOR.instance, { outerInstanceId }, step);
	const ok = status >= 200 && status < 300 && (Number(body.code) === 200 || Number(body.errcode) === 0);
	if (!ok) fail(step, status, body, 'the gateway refused the request');
	const list = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	const item = list.find((d) => Number(d?.status) === 1) ?? list[0];
	const appKey = String(item?.appKey ?? item?.app_key ?? '');
	const appSecret = String(item?.appSecret ?? item?.app_secret ?? '');
	const domain = String(item?.domain ?? '');
	if (!item || !appKey || !appSecret) {
		throw new Error(
			`Kingdee JDY ${step} failed: the instance ${outerInstanceId} is not authorized to this app. Check the Outer Instance ID (the customer must have installed/authorized your app) and that the Client ID is the app it was authorized to.`,
		);
	}
	return { appKey, appSecret, domain };
}

/** kingdee_auth_token: the app-token and its expiry (ms epoch, margin already taken off). */
async function exchangeToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	instance: Instance,
): Promise<{ token?: string; expiresAt: number; status: number; body: IDataObject }> {
	const qs: IDataObject = { app_key: instance.appKey, app_signature: appSignature(instance.appKey, instance.appSecret) };
	const uid = String(credentials.uid ?? '').trim();
	if (uid) qs.uid = uid;
	const { status, body } = await signedCall(helpers, credentials, 'GET', CONNECTOR.exchange, qs, 'token exchange (kingdee_auth_token)');
	const data = (body.data ?? {}) as IDataObject;
	const token = data['app-token'] ?? data.app_token;
	const now = Date.now();
	const expires = Number(data.expires);
	const expiresAt =
		Number.isFinite(expires) && expires > now
			? expires - Math.min(EXPIRY_MARGIN_MS, (expires - now) / 2)
			: now + FALLBACK_LIFETIME_MS - EXPIRY_MARGIN_MS;
	const ok = status >= 200 && status < 300 && Number(body.errcode) === 0 && typeof token === 'string' && token !== '';
	return { token: ok ? (token as string) : undefined, expiresAt: Math.floor(expiresAt), status, body };
}

export class KingdeeJdyApi implements ICredentialType {
	name = 'kingdeeJdyApi';

	displayName = 'Kingdee JDY API';

	icon: Icon = {
		light: 'file:../nodes/KingdeeJdy/kingdee.svg',
		dark: 'file:../nodes/KingdeeJdy/kingdee.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cn-messaging/n8n-nodes-cn-messaging#kingdee-jdy';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.kingdee.com',
			required: true,
			description: 'The Kingdee API gateway, without a trailing slash. Change it only for a proxy or a test server.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '205022',
			description: 'Your app\'s Client ID (X-Api-ClientID), shown on the app\'s page in the Kingdee developer console (open.jdy.com)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Client Secret of the same app; it signs every request and is never sent',
		},
		{
			displayName: 'Authorization',
			name: 'authorization',
			type: 'options',
			options: [
				{
					name: 'Outer Instance ID',
					value: 'instance',
					description: 'N8n asks Kingdee for the App Key, App Secret and domain of the authorized account each time it renews the token (recommended: the App Secret rotates)',
				},
				{
					name: 'App Key and App Secret',
					value: 'appKey',
					description: 'Type the App Key, App Secret and domain yourself',
				},
			],
			default: 'instance',
		},
		{
			displayName: 'Outer Instance ID',
			name: 'outerInstanceId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authorization: ['instance'] } },
			description: 'The outerInstanceId Kingdee sends when a customer account authorizes your app (authorization message / app instance list in the developer console)',
		},
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authorization: ['appKey'] } },
			description: 'The appKey of the authorized account (the appKey field of push_app_authorize)',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authorization: ['appKey'] } },
			description: 'The appSecret of the authorized account. Third-party reports say Kingdee rotates it about every 24 hours.',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://tf.jdy.com',
			displayOptions: { show: { authorization: ['appKey'] } },
			description: 'The account\'s data-centre domain (the domain field of push_app_authorize), sent as X-GW-Router-Addr',
		},
		{
			displayName: 'User ID',
			name: 'uid',
			type: 'string',
			default: '',
			description: 'Optional cloud user ID (uid) to act as. Leave empty to act as the account administrator.',
		},
		{
			displayName: 'App Token',
			name: 'appToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Renew After',
			name: 'renewAfter',
			type: 'hidden',
			default: 0,
		},
		{
			displayName: 'Learned App Key',
			name: 'learnedAppKey',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Learned App Secret',
			name: 'learnedAppSecret',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Learned Domain',
			name: 'learnedDomain',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * Gets an app-token. With the Outer Instance ID it always authorizes first (push_app_authorize),
	 * so a rotated App Secret is picked up by every renewal; if the exchange still answers
	 * 1030002006 (the secret rotated in between), it authorizes and exchanges once more.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const byInstance = credentials.authorization !== 'appKey';
		const step = 'token exchange (kingdee_auth_token)';
		let instance: Instance = byInstance
			? await authorizeInstance(this.helpers, credentials)
			: {
					appKey: String(credentials.appKey ?? '').trim(),
					appSecret: String(credentials.appSecret ?? ''),
					domain: String(credentials.domain ?? '').trim(),
				};
		let answer = await exchangeToken(this.helpers, credentials, instance);
		if (!answer.token && byInstance && Number(answer.body.errcode) === KINGDEE_AUTH_KEY_ERROR) {
			instance = await authorizeInstance(this.helpers, credentials);
			answer = await exchangeToken(this.helpers, credentials, instance);
		}
		if (!answer.token) fail(step, answer.status, answer.body, 'the platform did not issue an app-token');
		const out: IDataObject = { appToken: answer.token, renewAfter: answer.expiresAt };
		if (byInstance) {
			out.learnedAppKey = instance.appKey;
			out.learnedAppSecret = instance.appSecret;
			out.learnedDomain = instance.domain;
		}
		return out;
	}

	/** Signs every request (fresh nonce and timestamp) and adds the app-token and router address. */
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const domain =
			credentials.authorization === 'appKey' ? String(credentials.domain ?? '').trim() : String(credentials.learnedDomain ?? '');
		const extra: Record<string, string> = { 'app-token': String(credentials.appToken ?? '') };
		if (domain) extra['X-GW-Router-Addr'] = domain;
		return signKingdeeRequest(
			requestOptions,
			String(credentials.clientId ?? '').trim(),
			String(credentials.clientSecret ?? ''),
			baseOf(credentials),
			extra,
		);
	};

	/**
	 * Authorizes, exchanges a token (preAuthentication always runs for a test), then sends a signed
	 * message request with no body: the gateway checks the signature, the app-token and the router
	 * address and the message service rejects the empty request, so nothing is sent to anyone.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/jdy/v2/sys/outside_msg',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 4008, message: 'The gateway refused the request signature: check the Client Secret and the server clock' } },
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 4010, message: 'The gateway refused the app-token it just issued: check the Domain (X-GW-Router-Addr)' } },
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 4011, message: 'The gateway says the new app-token has already expired: check the server clock' } },
		],
	};
}
