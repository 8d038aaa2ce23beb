/**
 * The credential's token exchange, for both flows that take a Client ID and Secret:
 * - the token API (the default): `GET {authorize host}/v2/oauth/token/api?clientId=…&clientSecret=…`,
 *   answered inside the gateway's wrapper, `{"data":{"access_token":…}}` (public integrator code
 *   reads only data.access_token; data.expires_in is used when present);
 * - OAuth2 client credentials: `POST {authorize host}/oauth/token`, Spring Security OAuth2's answer.
 * Errors name the step and the reason, never the secret.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { isObject } from '../../common/answers';
import { exchange } from '../../common/exchange';
import { resolveEnvironment } from './environments';
import { ROUTES } from './index';

/** Spring Security OAuth2's default lifetime, used when an OAuth2 answer has no expires_in. */
const OAUTH2_DEFAULT_LIFETIME_S = 43200;

export interface IssuedToken {
	token: string;
	/** ms epoch; 0 = no known expiry (used until the gateway refuses it, then renewed). */
	expiresAt: number;
}

const OAUTH2_MEANINGS: Record<string, string> = {
	invalid_client: 'the Client ID or Client Secret is wrong',
	unauthorized: 'the server did not accept the client authentication (try the other "Send Client Credentials As" choice)',
	invalid_scope: 'the scope is not registered for this client (leave Scope empty to get all registered scopes)',
	unsupported_grant_type: 'the server does not allow the client_credentials grant for this client; use the token API flow, or paste an access token',
	invalid_request: 'the server found the token request incomplete',
	invalid_grant: 'the server refused the grant',
};

/** Why a token request failed, in English, without any secret. */
export function tokenFailure(status: number, body: unknown, url: string, flow: 'tokenApi' | 'clientCredentials'): string {
	const b = isObject(body) ? body : {};
	const code = typeof b.error === 'string' ? b.error : '';
	const texts = [b.error_description, b.msg !== 'success' ? b.msg : undefined, typeof b.data === 'string' ? b.data : undefined, b.message]
		.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
	const text = [...new Set(texts)].join('; ');
	let why = OAUTH2_MEANINGS[code];
	if (!why && status === 404) why = `there is no token endpoint at ${url}; check the Token URL`;
	if (!why && flow === 'tokenApi' && status === 200) {
		why = isObject(b.data)
			? 'the answer has no data.access_token'
			: 'the token API did not issue a token (a wrong Client ID or Client Secret is the usual reason)';
	}
	why ??= 'the server did not issue a token';
	const name = flow === 'tokenApi' ? 'token API request' : 'token request';
	return `Eazytec ZQT ${name} failed (HTTP ${status}${code ? `, ${code}` : ''}): ${why}${text ? ` (server message: ${text})` : ''}`;
}

const lifetime = (value: unknown): number | undefined => {
	const n = Number(value);
	return value !== undefined && value !== null && value !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
};

/** Gets a token with the credential's Client ID and Secret, by the credential's flow. */
export async function issueToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<IssuedToken> {
	const flow = credentials.authentication === 'clientCredentials' ? 'clientCredentials' : 'tokenApi';
	const env = resolveEnvironment(credentials);
	if (!env.tokenUrl) {
		throw new Error(
			'Eazytec ZQT: this environment has no documented token server. Enter the Token URL in the credential (ask Eazytec for it), or use Authentication "Access Token".',
		);
	}
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '');
	if (flow === 'tokenApi') {
		const { status, body } = await exchange(helpers, 'Eazytec ZQT token API request', {
			method: ROUTES.tokenApi.method,
			url: env.tokenUrl,
			qs: { clientId, clientSecret },
			headers: { Accept: 'application/json' },
		});
		const data = isObject(body.data) ? body.data : {};
		const token = data.access_token;
		if (status !== 200 || typeof token !== 'string' || token === '') throw new Error(tokenFailure(status, body, env.tokenUrl, flow));
		const seconds = lifetime(data.expires_in);
		return { token, expiresAt: seconds ? Date.now() + seconds * 1000 : 0 };
	}
	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	const scope = String(credentials.scope ?? '').trim();
	if (scope) form.set('scope', scope);
	const headers: IDataObject = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
	if (credentials.clientAuth === 'basic') {
		headers.Authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
	} else {
		form.set('client_id', clientId);
		form.set('client_secret', clientSecret);
	}
	const { status, body } = await exchange(helpers, 'Eazytec ZQT token request', {
		method: ROUTES.token.method,
		url: env.tokenUrl,
		headers,
		body: form.toString(),
	});
	const token = body.access_token;
	if (status !== 200 || typeof token !== 'string' || token === '') throw new Error(tokenFailure(status, body, env.tokenUrl, flow));
	return { token, expiresAt: Date.now() + (lifetime(body.expires_in) ?? OAUTH2_DEFAULT_LIFETIME_S) * 1000 };
}
