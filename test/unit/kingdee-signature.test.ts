/**
 * Kingdee JDY signing: the official documentation's vectors (quoted as 官方文档示例 by
 * third-party ports) and our own vectors, each checked against an independent oracle written
 * here with crypto-js and its own byte-by-byte encoder (no encodeURIComponent, no node:crypto).
 */
import CryptoJS from 'crypto-js';
import {
	apiSignature,
	appSignature,
	canonicalQuery,
	gwEncode,
	javaUrlEncode,
	newNonce,
	signedHeaders,
	stringToSign,
} from '../../nodes/KingdeeJdy/signature';

// ---------------------------------------------------------------- independent oracle (crypto-js)

/** UTF-8 bytes of a string, from code points (the oracle does not use TextEncoder or Buffer). */
function utf8Bytes(s: string): number[] {
	const out: number[] = [];
	for (const ch of s) {
		const cp = ch.codePointAt(0)!;
		if (cp < 0x80) out.push(cp);
		else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
		else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
		else
			out.push(
				0xf0 | (cp >> 18),
				0x80 | ((cp >> 12) & 63),
				0x80 | ((cp >> 6) & 63),
				0x80 | (cp & 63),
			);
	}
	return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function oracleEncode(s: string, keep: string): string {
	let out = '';
	for (const b of utf8Bytes(s)) {
		const c = String.fromCharCode(b);
		if (b < 0x80 && (ALNUM + keep).includes(c)) out += c;
		else if (c === ' ') out += '+';
		else out += '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
	}
	return out;
}
const oracleGw = (s: string) => oracleEncode(s, '-_.~');
const oracleJava = (s: string) => oracleEncode(s, '-_.*');

function oracleQuery(params: Record<string, string>): string {
	const encoded: string[] = [];
	for (const key of Object.keys(params))
		encoded.push(oracleGw(key) + '=' + oracleJava(params[key]));
	// Java String.compareTo, written out
	encoded.sort((a, b) => {
		const n = Math.min(a.length, b.length);
		for (let i = 0; i < n; i++)
			if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.charCodeAt(i) - b.charCodeAt(i);
		return a.length - b.length;
	});
	return encoded
		.join('&')
		.split('&')
		.filter((p) => p !== '')
		.map((p) => {
			const [k, v] = p.split('=');
			return oracleGw(k) + '=' + oracleGw(v ?? '');
		})
		.join('&');
}

function oracleStringToSign(
	method: string,
	path: string,
	params: Record<string, string>,
	nonce: string,
	ts: string,
) {
	return [
		method.toUpperCase(),
		oracleGw(path),
		oracleQuery(params),
		'x-api-nonce:' + nonce,
		'x-api-timestamp:' + ts,
		'',
	].join('\n');
}

function oracleHexBase64(key: string, msg: string): string {
	const hex = CryptoJS.HmacSHA256(
		CryptoJS.enc.Utf8.parse(msg),
		CryptoJS.enc.Utf8.parse(key),
	).toString(CryptoJS.enc.Hex);
	return CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(hex));
}

function oracleSignature(
	secret: string,
	method: string,
	path: string,
	params: Record<string, string>,
	nonce: string,
	ts: string,
) {
	return oracleHexBase64(secret, oracleStringToSign(method, path, params, nonce, ts));
}

// ---------------------------------------------------------------- official vectors

const OFFICIAL = {
	clientSecret: 'f2adcfef73369bfc4e1384677d38a0ff',
	path: '/jdyconnector/app_management/kingdee_auth_token',
	query: {
		app_key: 'bVZgAZOv1',
		app_signature:
			'MzZlYTk0ODk4MWZlNjdiODNmNWU4YzViNzYxNGM5MTFlOGJkN2NjMzk0MTJkZGNhZGM0NzZhN2YxZDJmOTlkZA==',
	},
	nonce: '4427456950',
	timestamp: '1670305063559',
	stringToSign:
		'GET\n%2Fjdyconnector%2Fapp_management%2Fkingdee_auth_token\n' +
		'app_key=bVZgAZOv1&app_signature=MzZlYTk0ODk4MWZlNjdiODNmNWU4YzViNzYxNGM5MTFlOGJkN2NjMzk0MTJkZGNhZGM0NzZhN2YxZDJmOTlkZA%253D%253D\n' +
		'x-api-nonce:4427456950\nx-api-timestamp:1670305063559\n',
	signature:
		'OTFiZTliNDFiMjNkYTI3YzVhNzg4MDI4ZGU3MWY1ZTA5ZTk1NjVlNGM1YTI1ZjIxY2Y5YTA3ZGY2OGI1MGQ1MQ==',
};

describe('Kingdee signature: official vectors', () => {
	it('builds the documented string to sign (trailing newline included)', () => {
		const s = stringToSign(
			'GET',
			OFFICIAL.path,
			OFFICIAL.query,
			OFFICIAL.nonce,
			OFFICIAL.timestamp,
		);
		expect(s).toBe(OFFICIAL.stringToSign);
		expect(s.endsWith('x-api-timestamp:1670305063559\n')).toBe(true);
	});

	it('reproduces the official X-Api-Signature', () => {
		expect(
			apiSignature(
				OFFICIAL.clientSecret,
				'GET',
				OFFICIAL.path,
				OFFICIAL.query,
				OFFICIAL.nonce,
				OFFICIAL.timestamp,
			),
		).toBe(OFFICIAL.signature);
		expect(
			oracleSignature(
				OFFICIAL.clientSecret,
				'GET',
				OFFICIAL.path,
				OFFICIAL.query,
				OFFICIAL.nonce,
				OFFICIAL.timestamp,
			),
		).toBe(OFFICIAL.signature);
	});

	it('reproduces the documented app_signature example (app_key abc, appSecret abc123)', () => {
		const expected =
			'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==';
		expect(appSignature('abc', 'abc123')).toBe(expected);
		expect(oracleHexBase64('abc123', 'abc')).toBe(expected);
	});

	it('signs method upper-cased and is sensitive to nonce/timestamp order', () => {
		const a = apiSignature('s', 'get', '/p', {}, '1', '2');
		expect(a).toBe(apiSignature('s', 'GET', '/p', {}, '1', '2'));
		expect(a).not.toBe(apiSignature('s', 'GET', '/p', {}, '2', '1'));
	});
});

describe('Kingdee signature: encoders', () => {
	it('gwEncode keeps [A-Za-z0-9-_.~], turns space into + and escapes the rest upper-case', () => {
		expect(gwEncode('aZ09-_.~')).toBe('aZ09-_.~');
		expect(gwEncode('a b')).toBe('a+b');
		expect(gwEncode("*!'()/+=&?#%")).toBe('%2A%21%27%28%29%2F%2B%3D%26%3F%23%25');
		expect(gwEncode('中')).toBe('%E4%B8%AD');
		expect(gwEncode('😀')).toBe('%F0%9F%98%80');
		expect(gwEncode('/jdy/v2/sys/outside_msg')).toBe('%2Fjdy%2Fv2%2Fsys%2Foutside_msg');
	});

	it('javaUrlEncode keeps * but escapes ~ (java.net.URLEncoder)', () => {
		expect(javaUrlEncode('a*b~c d')).toBe('a*b%7Ec+d');
		expect(javaUrlEncode("!'()")).toBe('%21%27%28%29');
		expect(javaUrlEncode('中')).toBe('%E4%B8%AD');
	});

	it('never throws on lone surrogates (Java turns them into "?")', () => {
		expect(gwEncode('a\uD800b')).toBe('a%3Fb');
		expect(javaUrlEncode('\uDC00')).toBe('%3F');
	});

	it('double-encodes query values with the documented edge cases', () => {
		expect(canonicalQuery({ v: ' ' })).toBe('v=%2B');
		expect(canonicalQuery({ v: '*' })).toBe('v=%2A');
		expect(canonicalQuery({ v: '~' })).toBe('v=%257E');
		expect(canonicalQuery({ v: '!' })).toBe('v=%2521');
		expect(canonicalQuery({ v: '==' })).toBe('v=%253D%253D');
		expect(canonicalQuery({ v: '中' })).toBe('v=%25E4%25B8%25AD');
		expect(canonicalQuery({})).toBe('');
	});

	it('sorts the encoded k=v strings (so "a=" sorts before "a_b=")', () => {
		expect(canonicalQuery({ a_b: '2', b: '3', a: '1' })).toBe('a=1&a_b=2&b=3');
	});
});

describe('Kingdee signature: own vectors against the crypto-js oracle', () => {
	const cases: Array<{
		name: string;
		method: string;
		path: string;
		query: Record<string, string>;
	}> = [
		{ name: 'no query (outside_msg)', method: 'POST', path: '/jdy/v2/sys/outside_msg', query: {} },
		{
			name: 'Chinese text and spaces',
			method: 'GET',
			path: '/jdy/v2/bd/customer',
			query: { search: '金蝶 精斗云 客户', page: '1' },
		},
		{
			name: 'plus, slash, equals',
			method: 'GET',
			path: '/jdyconnector/app_management/kingdee_auth_token',
			query: { app_key: 'k+/=', app_signature: 'ab+cd/ef==', uid: '173053163' },
		},
		{
			name: 'star, tilde, bang',
			method: 'POST',
			path: '/a/b',
			query: { x: '*~!', y: "it's (ok)" },
		},
		{
			name: 'keys needing encoding',
			method: 'GET',
			path: '/x y/中',
			query: { 'k k': 'v v', 'k+': '+', 中: '文' },
		},
		{
			name: 'push_app_authorize',
			method: 'POST',
			path: '/jdyconnector/app_management/push_app_authorize',
			query: { outerInstanceId: '2090000000000000001' },
		},
		{ name: 'emoji and percent', method: 'GET', path: '/p', query: { e: '😀%20%', amp: 'a&b=c' } },
	];

	it.each(cases)('$name', ({ method, path, query }) => {
		const nonce = '1234567890';
		const ts = '1767225600000';
		const secret = 'sécret-密钥';
		expect(canonicalQuery(query)).toBe(oracleQuery(query));
		expect(stringToSign(method, path, query, nonce, ts)).toBe(
			oracleStringToSign(method, path, query, nonce, ts),
		);
		expect(apiSignature(secret, method, path, query, nonce, ts)).toBe(
			oracleSignature(secret, method, path, query, nonce, ts),
		);
	});

	it('app_signature with non-ASCII secret matches the oracle', () => {
		expect(appSignature('8uVREFRV', '新密钥+/=')).toBe(oracleHexBase64('新密钥+/=', '8uVREFRV'));
	});
});

describe('Kingdee signature: signedHeaders', () => {
	it('returns the six X-Api headers with injected nonce and timestamp', () => {
		const h = signedHeaders({
			clientId: '205022',
			clientSecret: OFFICIAL.clientSecret,
			method: 'GET',
			path: OFFICIAL.path,
			query: OFFICIAL.query,
			nonce: OFFICIAL.nonce,
			timestamp: OFFICIAL.timestamp,
		});
		expect(h).toEqual({
			'X-Api-ClientID': '205022',
			'X-Api-Auth-Version': '2.0',
			'X-Api-TimeStamp': OFFICIAL.timestamp,
			'X-Api-Nonce': OFFICIAL.nonce,
			'X-Api-SignHeaders': 'X-Api-TimeStamp,X-Api-Nonce',
			'X-Api-Signature': OFFICIAL.signature,
		});
	});

	it('defaults to a fresh 10-digit positive nonce and the current millisecond time', () => {
		const before = Date.now();
		const h = signedHeaders({
			clientId: 'c',
			clientSecret: 's',
			method: 'POST',
			path: '/jdy/v2/sys/outside_msg',
		});
		const after = Date.now();
		expect(h['X-Api-Nonce']).toMatch(/^[1-9]\d{9}$/);
		expect(Number(h['X-Api-TimeStamp'])).toBeGreaterThanOrEqual(before);
		expect(Number(h['X-Api-TimeStamp'])).toBeLessThanOrEqual(after);
		expect(h['X-Api-Signature']).toBe(
			oracleSignature(
				's',
				'POST',
				'/jdy/v2/sys/outside_msg',
				{},
				h['X-Api-Nonce'],
				h['X-Api-TimeStamp'],
			),
		);
		const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
		expect(nonces.size).toBeGreaterThan(45);
	});
});
