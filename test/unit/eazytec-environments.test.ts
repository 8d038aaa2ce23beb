import { EazytecZqtApi } from '../../credentials/EazytecZqtApi.credentials';
import {
	CUSTOM_ENVIRONMENT,
	EAZYTEC_ENVIRONMENTS,
	resolveEnvironment,
} from '../../nodes/EazytecZqt/transport/environments';

/** The document's "domain说明" table and vendors.md §3's authorize hosts, typed out independently. */
const DOCUMENT: Array<[string, string, string, string | undefined, string | undefined]> = [
	// key, gateway, send URL, government token URL, enterprise token URL
	[
		'zqtTest',
		'https://test-gateway.eazytec-cloud.com',
		'https://test-gateway.eazytec-cloud.com/AGCS_zqc/v3_1/msgcenter/send',
		'https://test-gov-authorize.eazytec-cloud.com/oauth/token',
		'https://test-authorize.eazytec-cloud.com/oauth/token',
	],
	[
		'zqtProduction',
		'https://gateway.eazytec-cloud.com',
		'https://gateway.eazytec-cloud.com/AGCS_zqc/v3_1/msgcenter/send',
		'https://gov-authorize.eazytec-cloud.com/oauth/token',
		'https://authorize.eazytec-cloud.com/oauth/token',
	],
	[
		'yixingTest',
		'https://test-gateway.eazytec-cloud.com/YX',
		'https://test-gateway.eazytec-cloud.com/YX/AGCS_zqc/v3_1/msgcenter/send',
		'https://test-gov-authorize-yxzqt.eazytec-cloud.com/oauth/token',
		'https://test-authorize-yxzqt.eazytec-cloud.com/oauth/token',
	],
	[
		'yixingProduction',
		'https://gateway.eazytec-cloud.com/YX',
		'https://gateway.eazytec-cloud.com/YX/AGCS_zqc/v3_1/msgcenter/send',
		'https://gov-authorize-yxzqt.eazytec-cloud.com/oauth/token',
		'https://authorize-yxzqt.eazytec-cloud.com/oauth/token',
	],
	[
		'yixingIntranetVpn',
		'http://10.36.12.1:8000/YX',
		'http://10.36.12.1:8000/YX/AGCS_zqc/v3_1/msgcenter/send',
		'http://10.168.37.14:30084/oauth/token',
		undefined,
	],
	[
		'yixingIntranetGov',
		'http://2.18.243.11:8000/YX',
		'http://2.18.243.11:8000/YX/AGCS_zqc/v3_1/msgcenter/send',
		'http://2.18.243.11:30084/oauth/token',
		undefined,
	],
	[
		'jiangsuTest',
		'https://test-gateway.eazytec-cloud.com/JS',
		'https://test-gateway.eazytec-cloud.com/JS/AGCS_zqc/v3_1/msgcenter/send',
		'https://test-gov-authorize-jszqt.eazytec-cloud.com/oauth/token',
		'https://test-authorize-jszqt.eazytec-cloud.com/oauth/token',
	],
	[
		'jiangsuProduction',
		'https://gateway.eazytec-cloud.com/JS',
		'https://gateway.eazytec-cloud.com/JS/AGCS_zqc/v3_1/msgcenter/send',
		'https://gov-authorize-jszqt.eazytec-cloud.com/oauth/token',
		'https://authorize-jszqt.eazytec-cloud.com/oauth/token',
	],
	// 安可: "后续路由中忽略/AGCS_zqc"; no authorize host documented ("token获取请教蒋超").
	['ankeTest', 'http://192.168.16.163:8091', 'http://192.168.16.163:8091/v3_1/msgcenter/send', undefined, undefined],
];

describe('Eazytec environments resolve to the document\'s addresses', () => {
	it('covers every documented gateway and nothing else', () => {
		expect(Object.keys(EAZYTEC_ENVIRONMENTS).sort()).toEqual(DOCUMENT.map((d) => d[0]).sort());
	});

	it.each(DOCUMENT)('%s', (environment, gateway, sendUrl, govToken, entToken) => {
		const gov = resolveEnvironment({ environment, side: 'government' });
		expect(gov.baseUrl).toBe(gateway);
		expect(gov.sendUrl).toBe(sendUrl);
		expect(gov.prefix).toBe(environment === 'ankeTest' ? '' : '/AGCS_zqc');
		expect(gov.tokenUrl).toBe(govToken);
		expect(resolveEnvironment({ environment, side: 'enterprise' }).tokenUrl).toBe(entToken);
		// A Token URL given by the user wins over the authorize host.
		expect(resolveEnvironment({ environment, tokenUrl: 'http://127.0.0.1:9/oauth/token/' }).tokenUrl).toBe(
			'http://127.0.0.1:9/oauth/token',
		);
	});

	it('defaults to 卓易政企通 production and the government token server', () => {
		const r = resolveEnvironment({});
		expect(r.sendUrl).toBe('https://gateway.eazytec-cloud.com/AGCS_zqc/v3_1/msgcenter/send');
		expect(r.tokenUrl).toBe('https://gov-authorize.eazytec-cloud.com/oauth/token');
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
		const pasted = await authenticate(
			{ environment: 'ankeTest', authentication: 'accessToken', token: 'stale', accessToken: ' pasted-2 ' },
			{ url: '/v3_1/msgcenter/send' },
		);
		expect(pasted.baseURL).toBe('http://192.168.16.163:8091');
		expect(pasted.headers.Authorization).toBe('Bearer pasted-2');
	});
});
