import { EazytecZqtApi } from '../../credentials/EazytecZqtApi.credentials';
import {
	CUSTOM_ENVIRONMENT,
	EAZYTEC_ENVIRONMENTS,
	resolveEnvironment,
} from '../../nodes/EazytecZqt/transport/environments';

/** The document's "domain说明" table and vendors.md §3's authorize hosts, typed out independently. */
const DOCUMENT: Array<[string, string, string, string | undefined, string | undefined]> = [
	// key, gateway, send URL, government authorize host, enterprise authorize host
	[
		'zqtTest',
		'https://test-gateway.eazytec-cloud.com',
		'https://test-gateway.eazytec-cloud.com/AGCS_zqc/v3_1/msgcenter/send',
		'https://test-gov-authorize.eazytec-cloud.com',
		'https://test-authorize.eazytec-cloud.com',
	],
	[
		'zqtProduction',
		'https://gateway.eazytec-cloud.com',
		'https://gateway.eazytec-cloud.com/AGCS_zqc/v3_1/msgcenter/send',
		'https://gov-authorize.eazytec-cloud.com',
		'https://authorize.eazytec-cloud.com',
	],
	[
		'yixingTest',
		'https://test-gateway.eazytec-cloud.com/YX',
		'https://test-gateway.eazytec-cloud.com/YX/AGCS_zqc/v3_1/msgcenter/send',
		'https://test-gov-authorize-yxzqt.eazytec-cloud.com',
		'https://test-authorize-yxzqt.eazytec-cloud.com',
	],
	[
		'yixingProduction',
		'https://gateway.eazytec-cloud.com/YX',
		'https://gateway.eazytec-cloud.com/YX/AGCS_zqc/v3_1/msgcenter/send',
		'https://gov-authorize-yxzqt.eazytec-cloud.com',
		'https://authorize-yxzqt.eazytec-cloud.com',
	],
	[
		'yixingIntranetVpn',
		'http://10.36.12.1:8000/YX',
		'http://10.36.12.1:8000/YX/AGCS_zqc/v3_1/msgcenter/send',
		'http://10.168.37.14:30084',
		undefined,
	],
	[
		'yixingIntranetGov',
		'http://2.18.243.11:8000/YX',
		'http://2.18.243.11:8000/YX/AGCS_zqc/v3_1/msgcenter/send',
		'http://2.18.243.11:30084',
		undefined,
	],
	[
		'jiangsuTest',
		'https://test-gateway.eazytec-cloud.com/JS',
		'https://test-gateway.eazytec-cloud.com/JS/AGCS_zqc/v3_1/msgcenter/send',
		'https://test-gov-authorize-jszqt.eazytec-cloud.com',
		'https://test-authorize-jszqt.eazytec-cloud.com',
	],
	[
		'jiangsuProduction',
		'https://gateway.eazytec-cloud.com/JS',
		'https://gateway.eazytec-cloud.com/JS/AGCS_zqc/v3_1/msgcenter/send',
		'https://gov-authorize-jszqt.eazytec-cloud.com',
		'https://authorize-jszqt.eazytec-cloud.com',
	],
	// 安可: "后续路由中忽略/AGCS_zqc"; no authorize host documented ("token获取请教蒋超").
	['ankeTest', 'http://192.168.16.163:8091', 'http://192.168.16.163:8091/v3_1/msgcenter/send', undefined, undefined],
];

describe('Eazytec environments resolve to the document\'s addresses', () => {
	it('covers every documented gateway and nothing else', () => {
		expect(Object.keys(EAZYTEC_ENVIRONMENTS).sort()).toEqual(DOCUMENT.map((d) => d[0]).sort());
	});

	it.each(DOCUMENT)('%s', (environment, gateway, sendUrl, govHost, entHost) => {
		const at = (host: string | undefined, path: string) => (host ? `${host}${path}` : undefined);
		const gov = resolveEnvironment({ environment, side: 'government' });
		expect(gov.baseUrl).toBe(gateway);
		expect(gov.sendUrl).toBe(sendUrl);
		expect(gov.prefix).toBe(environment === 'ankeTest' ? '' : '/AGCS_zqc');
		// The default flow is the token API; OAuth2 client credentials use Spring's endpoint.
		expect(gov.tokenUrl).toBe(at(govHost, '/v2/oauth/token/api'));
		expect(resolveEnvironment({ environment, side: 'government', authentication: 'tokenApi' }).tokenUrl).toBe(at(govHost, '/v2/oauth/token/api'));
		expect(resolveEnvironment({ environment, side: 'government', authentication: 'clientCredentials' }).tokenUrl).toBe(at(govHost, '/oauth/token'));
		expect(resolveEnvironment({ environment, side: 'enterprise' }).tokenUrl).toBe(at(entHost, '/v2/oauth/token/api'));
		expect(resolveEnvironment({ environment, side: 'enterprise', authentication: 'clientCredentials' }).tokenUrl).toBe(at(entHost, '/oauth/token'));
		// A Token URL given by the user wins over the authorize host, for every flow.
		for (const authentication of ['tokenApi', 'clientCredentials']) {
			expect(resolveEnvironment({ environment, authentication, tokenUrl: 'http://127.0.0.1:9/my/token/' }).tokenUrl).toBe('http://127.0.0.1:9/my/token');
		}
	});

	it('defaults to 卓易政企通 production and the government token API', () => {
		const r = resolveEnvironment({});
		expect(r.sendUrl).toBe('https://gateway.eazytec-cloud.com/AGCS_zqc/v3_1/msgcenter/send');
		expect(r.tokenUrl).toBe('https://gov-authorize.eazytec-cloud.com/v2/oauth/token/api');
	});

	it('Custom: the Base URL with or without the /AGCS_zqc prefix, and no token URL unless given', () => {
		const withPrefix = resolveEnvironment({ environment: CUSTOM_ENVIRONMENT, baseUrl: 'http://127.0.0.1:18104/', pathPrefix: 'agcs' });
		expect(withPrefix.apiRoot).toBe('http://127.0.0.1:18104/AGCS_zqc');
		expect(withPrefix.sendUrl).toBe('http://127.0.0.1:18104/AGCS_zqc/v3_1/msgcenter/send');
		expect(withPrefix.tokenUrl).toBeUndefined();
		const without = resolveEnvironment({ environment: CUSTOM_ENVIRONMENT, baseUrl: 'http://127.0.0.1:18104', pathPrefix: 'none' });
		expect(without.sendUrl).toBe('http://127.0.0.1:18104/v3_1/msgcenter/send');
	});

	it('the credential offers every environment plus Custom, and Base URL defaults to production', () => {
		const cred = new EazytecZqtApi();
		const env = cred.properties.find((p) => p.name === 'environment')!;
		const values = (env.options as Array<{ value: string }>).map((o) => o.value).sort();
		expect(values).toEqual([...Object.keys(EAZYTEC_ENVIRONMENTS), CUSTOM_ENVIRONMENT].sort());
		expect(env.default).toBe('zqtProduction');
		expect(cred.properties.find((p) => p.name === 'baseUrl')!.default).toBe('https://gateway.eazytec-cloud.com');
		const token = cred.properties.find((p) => p.name === 'token')!;
		expect(token.typeOptions).toEqual({ expirable: true, password: true });
		for (const secret of ['clientSecret', 'accessToken']) {
			expect(cred.properties.find((p) => p.name === secret)!.typeOptions?.password).toBe(true);
		}
		// The token API is the default flow; OAuth2 and a pasted token are the alternatives.
		const auth = cred.properties.find((p) => p.name === 'authentication')!;
		expect(auth.default).toBe('tokenApi');
		expect((auth.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['tokenApi', 'clientCredentials', 'accessToken']);
		// Client ID, Secret, Token Server and Token URL serve both flows that get tokens.
		for (const name of ['clientId', 'clientSecret', 'side', 'tokenUrl']) {
			expect(cred.properties.find((p) => p.name === name)!.displayOptions).toEqual({ show: { authentication: ['tokenApi', 'clientCredentials'] } });
		}
	});

	it('authenticate adds the bearer token and the gateway root with its prefix', async () => {
		const cred = new EazytecZqtApi();
		const authenticate = cred.authenticate as (c: object, r: object) => Promise<{ baseURL: string; headers: Record<string, string> }>;
		const oauth = await authenticate(
			{ environment: 'yixingTest', authentication: 'clientCredentials', token: 'tok-1', accessToken: 'unused' },
			{ url: '/v3_1/msgcenter/send', headers: { 'Content-Type': 'application/json' } },
		);
		expect(oauth.baseURL).toBe('https://test-gateway.eazytec-cloud.com/YX/AGCS_zqc');
		expect(oauth.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer tok-1' });
		// A GET gets the Content-Type header too: every page's header table marks it required.
		const get = await authenticate({ environment: 'zqtProduction', authentication: 'tokenApi', token: 'tok-2' }, { url: '/v3_1/msgpoly/dict/category', method: 'GET' });
		expect(get.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer tok-2' });
		const pasted = await authenticate(
			{ environment: 'ankeTest', authentication: 'accessToken', token: 'stale', accessToken: ' pasted-2 ' },
			{ url: '/v3_1/msgcenter/send' },
		);
		expect(pasted.baseURL).toBe('http://192.168.16.163:8091');
		expect(pasted.headers.Authorization).toBe('Bearer pasted-2');
	});
});
