import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	Icon,
} from 'n8n-workflow';
import { isObject } from '../nodes/common/answers';
import { exchange } from '../nodes/common/exchange';
import { ROUTES } from '../nodes/EazytecZqt/transport';
import {
	CUSTOM_ENVIRONMENT,
	DEFAULT_ENVIRONMENT,
	EAZYTEC_ENVIRONMENTS,
	resolveEnvironment,
} from '../nodes/EazytecZqt/transport/environments';

/** Spring Security OAuth2's default lifetime, used when the answer has no expires_in. */
const DEFAULT_LIFETIME_S = 43200;

const environmentOptions: INodePropertyOptions[] = [
	...Object.entries(EAZYTEC_ENVIRONMENTS).map(([value, env]) => ({
		name: env.name,
		value,
		description: `${env.baseUrl}${env.prefix ? '' : ' (no /AGCS_zqc)'}: ${env.description}`,
	})),
	{ name: 'Custom', value: CUSTOM_ENVIRONMENT, description: 'Your own address: a private deployment, a proxy or a simulator' },
].sort((a, b) => a.name.localeCompare(b.name));

const oauth = { show: { authentication: ['clientCredentials'] } };

/** Why a token request failed, in English, without any secret. */
function tokenFailure(status: number, body: unknown, url: string): string {
	const b = isObject(body) ? body : {};
	const code = typeof b.error === 'string' ? b.error : '';
	const text = typeof b.error_description === 'string' ? b.error_description : '';
	const meanings: Record<string, string> = {
		invalid_client: 'the Client ID or Client Secret is wrong',
		unauthorized: 'the server did not accept the client authentication (try the other "Send Client Credentials As" choice)',
		invalid_scope: 'the scope is not registered for this client (leave Scope empty to get all registered scopes)',
		unsupported_grant_type: 'the server does not allow the client_credentials grant for this client; ask Eazytec, or paste an access token instead',
		invalid_request: 'the server found the token request incomplete',
		invalid_grant: 'the server refused the grant',
	};
	const why = meanings[code] ?? (status === 404 ? `there is no token endpoint at ${url}; check the Token URL` : 'the server did not issue a token');
	return `Eazytec ZQT token request failed (HTTP ${status}${code ? `, ${code}` : ''}): ${why}${text ? ` (server message: ${text})` : ''}`;
}

export class EazytecZqtApi implements ICredentialType {
	name = 'eazytecZqtApi';

	displayName = 'Eazytec ZQT API';

	icon: Icon = {
		light: 'file:../nodes/EazytecZqt/eazytec.svg',
		dark: 'file:../nodes/EazytecZqt/eazytec.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cn-messaging/n8n-nodes-cn-messaging#eazytec-zqt';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: environmentOptions,
			default: DEFAULT_ENVIRONMENT,
			description:
				'The gateway, as listed in Eazytec\'s document (domain说明). Choose Custom for another address.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://gateway.eazytec-cloud.com',
			required: true,
			displayOptions: { show: { environment: [CUSTOM_ENVIRONMENT] } },
			placeholder: 'https://gateway.eazytec-cloud.com/YX',
			description: 'The gateway address, region suffix (such as /YX or /JS) included, without /AGCS_zqc and without a trailing slash',
		},
		{
			displayName: 'Path Prefix',
			name: 'pathPrefix',
			type: 'options',
			options: [
				{ name: 'With /AGCS_zqc', value: 'agcs', description: 'Send to {Base URL}/AGCS_zqc/v3_1/msgcenter/send, as the document says' },
				{ name: 'Without /AGCS_zqc', value: 'none', description: 'Send to {Base URL}/v3_1/msgcenter/send, as the 安可 gateway expects' },
			],
			default: 'agcs',
			displayOptions: { show: { environment: [CUSTOM_ENVIRONMENT] } },
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'OAuth2 Client Credentials',
					value: 'clientCredentials',
					description: 'Get a token with the Client ID and Secret Eazytec issued, and renew it by itself',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'Use a token you obtained elsewhere; it cannot be renewed, replace it when it runs out',
				},
			],
			default: 'clientCredentials',
		},
		{
			displayName: 'Token Server',
			name: 'side',
			type: 'options',
			options: [
				{ name: 'Government (gov-authorize)', value: 'government', description: 'For government senders (user type 1)' },
				{ name: 'Enterprise (authorize)', value: 'enterprise', description: 'For enterprise senders (user type 2)' },
			],
			default: 'government',
			displayOptions: oauth,
			description:
				'Which authorize host of the environment issues the token. Ignored when a Token URL is given.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: oauth,
			description: 'The clientId Eazytec issued to your application (ask xiezhi@eazytec.com). Also the App ID of a send.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: oauth,
			description: 'The clientSecret issued with the Client ID',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			displayOptions: oauth,
			placeholder: 'https://gov-authorize.eazytec-cloud.com/oauth/token',
			description:
				'Leave empty to use {authorize host of the environment}/oauth/token. Required for Custom and 安可, which have no documented authorize host.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			displayOptions: oauth,
			placeholder: 'read',
			description: 'Space-separated scopes to ask for. Empty asks for every scope registered for the client.',
		},
		{
			displayName: 'Send Client Credentials As',
			name: 'clientAuth',
			type: 'options',
			options: [
				{ name: 'Form Fields', value: 'form', description: 'client_id and client_secret in the request body, as Eazytec\'s own clients do' },
				{ name: 'Basic Auth Header', value: 'basic', description: 'Authorization: Basic base64(client_id:client_secret)' },
			],
			default: 'form',
			displayOptions: oauth,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessToken'] } },
			description: 'A bearer token for the gateway. When it expires, paste a new one.',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: 0,
		},
	];

	/** Exchanges the client credentials for a token (OAuth2 mode only). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication === 'accessToken') return {};
		const env = resolveEnvironment(credentials);
		if (!env.tokenUrl) {
			throw new Error(
				'Eazytec ZQT: this environment has no documented token server. Enter the Token URL in the credential (ask Eazytec for it), or use Authentication "Access Token".',
			);
		}
		const clientId = String(credentials.clientId ?? '').trim();
		const clientSecret = String(credentials.clientSecret ?? '');
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
		const { status, body } = await exchange(this.helpers, 'Eazytec ZQT token request', {
			method: ROUTES.token.method,
			url: env.tokenUrl,
			headers,
			body: form.toString(),
		});
		const b = isObject(body) ? body : {};
		const token = b.access_token;
		if (status !== 200 || typeof token !== 'string' || token === '') throw new Error(tokenFailure(status, body, env.tokenUrl));
		const expiresIn = Number(b.expires_in);
		const lifetime = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_LIFETIME_S;
		return { token, expiresAt: Date.now() + lifetime * 1000 };
	}

	/** Adds the bearer token and the gateway address (with its /AGCS_zqc prefix where it has one). */
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const token = credentials.authentication === 'accessToken' ? credentials.accessToken : credentials.token;
		const options: IHttpRequestOptions = {
			...requestOptions,
			baseURL: resolveEnvironment(credentials).apiRoot,
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${String(token ?? '').trim()}` },
		};
		return options;
	};

	/**
	 * Gets a token (OAuth2 mode), then makes a send that the gateway must refuse for missing
	 * parameters: that proves the gateway address and the token without sending anything.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: ROUTES.send.method,
			url: ROUTES.send.path,
			headers: { 'Content-Type': 'application/json' },
			body: { sendData: {} },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'invalid_token',
					message:
						'The gateway refused the token. For a pasted Access Token: paste a new one. For OAuth2: check that the Token Server matches the gateway.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'error', value: 'unauthorized', message: 'The gateway received no valid token' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 404,
					message: 'The gateway has no send interface at this address: check the Environment (or Base URL and Path Prefix)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'msg', value: 'success', message: 'Unexpected: the gateway accepted an empty message' },
			},
		],
	};
}
