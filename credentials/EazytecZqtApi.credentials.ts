import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	Icon,
} from 'n8n-workflow';
import { ROUTES } from '../nodes/EazytecZqt/transport';
import {
	CUSTOM_ENVIRONMENT,
	DEFAULT_ENVIRONMENT,
	EAZYTEC_ENVIRONMENTS,
	resolveEnvironment,
} from '../nodes/EazytecZqt/transport/environments';
import { issueToken } from '../nodes/EazytecZqt/transport/token';

const environmentOptions: INodePropertyOptions[] = [
	...Object.entries(EAZYTEC_ENVIRONMENTS).map(([value, env]) => ({
		name: env.name,
		value,
		description: `${env.baseUrl}${env.prefix ? '' : ' (no /AGCS_zqc)'}: ${env.description}`,
	})),
	{ name: 'Custom', value: CUSTOM_ENVIRONMENT, description: 'Your own address: a private deployment, a proxy or a simulator' },
].sort((a, b) => a.name.localeCompare(b.name));

/** Both flows that get tokens with the Client ID and Secret. */
const issued = { show: { authentication: ['tokenApi', 'clientCredentials'] } };
const oauth = { show: { authentication: ['clientCredentials'] } };

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
					name: 'Client ID and Secret (Token API)',
					value: 'tokenApi',
					description: 'GET {authorize host}/v2/oauth/token/api with the Client ID and Secret Eazytec issued, as Eazytec\'s integrators do; renewed by itself',
				},
				{
					name: 'OAuth2 Client Credentials',
					value: 'clientCredentials',
					description: 'POST {authorize host}/oauth/token with grant_type=client_credentials; renewed by itself',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'Use a token you obtained elsewhere; it cannot be renewed, replace it when it runs out',
				},
			],
			default: 'tokenApi',
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
			displayOptions: issued,
			description:
				'Which authorize host of the environment issues the token. Ignored when a Token URL is given.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: issued,
			description: 'The clientId Eazytec issued to your application (ask xiezhi@eazytec.com). Also the default App ID of a send (appid, "申请的clientID").',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: issued,
			description: 'The clientSecret issued with the Client ID',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			displayOptions: issued,
			placeholder: 'https://gov-authorize.eazytec-cloud.com/v2/oauth/token/api',
			description:
				'Leave empty to use the authorize host of the environment: {host}/v2/oauth/token/api for the token API, {host}/oauth/token for OAuth2. Required for Custom and 安可, which have no documented authorize host.',
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

	/** Gets a token with the Client ID and Secret (token API or OAuth2); a pasted token needs none. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication === 'accessToken') return {};
		return { ...(await issueToken(this.helpers, credentials)) };
	}

	/**
	 * Adds the bearer token and the gateway address (with its /AGCS_zqc prefix where it has one),
	 * and Content-Type: application/json, which every interface's header table marks as required,
	 * GETs included.
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const token = credentials.authentication === 'accessToken' ? credentials.accessToken : credentials.token;
		const headers = { ...(requestOptions.headers ?? {}) };
		if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
		const options: IHttpRequestOptions = {
			...requestOptions,
			baseURL: resolveEnvironment(credentials).apiRoot,
			headers: { ...headers, Authorization: `Bearer ${String(token ?? '').trim()}` },
		};
		return options;
	};

	/**
	 * Gets a token (Client ID and Secret flows), then makes a send that the gateway must refuse for missing
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
						'The gateway refused the token. For a pasted Access Token: paste a new one. Otherwise: check that the Token Server (government or enterprise) matches the gateway.',
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
