import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { ROUTES } from '../nodes/DingTalk/transport';
import { authenticateRequest, DEFAULT_API_URL, DEFAULT_OAPI_URL, issueToken } from '../nodes/DingTalk/transport/token';

const internal = { show: { appType: ['internal'] } };
const thirdParty = { show: { appType: ['thirdParty'] } };

export class DingTalkApi implements ICredentialType {
	name = 'dingTalkApi';

	displayName = 'DingTalk API';

	icon: Icon = {
		light: 'file:../nodes/DingTalk/dingtalk.svg',
		dark: 'file:../nodes/DingTalk/dingtalk.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cn-messaging/n8n-nodes-cn-messaging#dingtalk';

	properties: INodeProperties[] = [
		{
			displayName: 'App Type',
			name: 'appType',
			type: 'options',
			options: [
				{
					name: 'Internal App (企业内部应用)',
					value: 'internal',
					description: 'An app your organization created in its own developer console',
				},
				{
					name: 'Third-Party Enterprise App (第三方企业应用)',
					value: 'thirdParty',
					description: "A service provider's app (store or custom app) authorized by an organization",
				},
			],
			default: 'internal',
		},
		{
			displayName: 'AppKey',
			name: 'appKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: internal,
			description:
				'The AppKey (Client ID) of your internal app: DingTalk developer console (open-dev.dingtalk.com) > your app > Credentials and Basic Information (凭证与基础信息)',
		},
		{
			displayName: 'AppSecret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: internal,
			description: 'The AppSecret (Client Secret) shown next to the AppKey',
		},
		{
			displayName: 'Access Token From',
			name: 'authEndpoint',
			type: 'options',
			options: [
				{
					name: 'New API (/v1.0/oauth2/accessToken)',
					value: 'v1',
					description: 'DingTalk documents this token for both API hosts (recommended)',
				},
				{
					name: 'Classic (/gettoken)',
					value: 'classic',
					description: 'The older token; only third-party code shows it working on api.dingtalk.com (app robot, todo)',
				},
			],
			default: 'v1',
			displayOptions: internal,
			description: 'Where the one access token this credential keeps comes from; it is used on both DingTalk hosts',
		},
		{
			displayName: 'Suite Key',
			name: 'suiteKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: thirdParty,
			description:
				"The app's SuiteKey (custom apps: CustomKey): developer console > your third-party app > Basic Information (基础信息)",
		},
		{
			displayName: 'Suite Secret',
			name: 'suiteSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: thirdParty,
			description: 'The SuiteSecret (custom apps: CustomSecret) shown next to the Suite Key',
		},
		{
			displayName: 'Suite Ticket',
			name: 'suiteTicket',
			type: 'string',
			default: '',
			required: true,
			displayOptions: thirdParty,
			description:
				'The latest suite_ticket DingTalk pushed to your app (about every 5 hours; event biz_type 2). A custom app (定制应用) may use any text, e.g. TestSuiteTicket.',
		},
		{
			displayName: 'Authorized Corp ID',
			name: 'authCorpId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: thirdParty,
			placeholder: 'ding123456',
			description: 'The CorpId of the organization that authorized the app (pushed with event biz_type 4; custom apps: shown in the console)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_OAPI_URL,
			required: true,
			description:
				'DingTalk server API address (oapi). Change it only for a proxy (for example one with a fixed egress IP on the trusted-IP list) or a test server.',
		},
		{
			displayName: 'New API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: DEFAULT_API_URL,
			description: 'Address of DingTalk\'s new APIs (/v1.0/..., used by App Robot and Todo and the token). Change it only for a proxy or a test server.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
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

	/** Gets the access token (2 h) for the app type; see nodes/DingTalk/transport/token.ts. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { accessToken, expiresAt } = await issueToken(this.helpers, credentials);
		return { accessToken, expiresAt };
	}

	/** The token as access_token on oapi, as the x-acs-dingtalk-access-token header on /v1.0/ paths. */
	authenticate: IAuthenticate = async (credentials, requestOptions) => authenticateRequest(credentials, requestOptions);

	/**
	 * n8n first gets a token (preAuthentication, which fails clearly on a wrong key or secret), then
	 * calls get_jsapi_ticket with it: open to every internal and third-party app without a permission.
	 */
	test: ICredentialTestRequest = {
		request: {
			url: ROUTES.jsapiTicket.path,
			method: ROUTES.jsapiTicket.method,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 40014, message: 'DingTalk refused the access token (DingTalk error 40014)' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 60020, message: "This server's IP address is not on the app's trusted-IP list (DingTalk error 60020)" },
			},
		],
	};
}
