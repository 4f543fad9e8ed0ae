import {
  allVariables,
  deployedVariables,
  intVar,
  jsonVar,
  listVar,
  optionalStringVar,
  parseConfig,
  platformVar,
  requiredVariables,
  stringVar,
  urlVar,
} from '../../../functions/src/config/config-variable';
import { ConfigError } from '../../../functions/src/errors';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('parseConfig', () => {
  const spec = {
    name: stringVar('T_NAME', 'a name'),
    url: urlVar('T_URL', 'a URL'),
    count: intVar('T_COUNT', 'a count', { min: 1, max: 10 }, 5),
    hosts: listVar('T_HOSTS', 'some hosts', []),
    label: stringVar('T_LABEL', 'a label', 'fallback'),
  };
  const good = { T_NAME: 'n', T_URL: 'https://example.com/x' };

  it('reads each variable by its key', () => {
    expect(parseConfig(spec, { ...good, T_COUNT: '7', T_HOSTS: 'a,b', T_LABEL: 'l' })).toEqual({
      name: 'n',
      url: 'https://example.com/x',
      count: 7,
      hosts: ['a', 'b'],
      label: 'l',
    });
  });

  it('applies the defaults of variables that are unset', () => {
    expect(parseConfig(spec, good)).toEqual({
      name: 'n',
      url: 'https://example.com/x',
      count: 5,
      hosts: [],
      label: 'fallback',
    });
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig(spec, { ...good, T_COUNT: '', T_LABEL: '' })).toMatchObject({
      count: 5,
      label: 'fallback',
    });
    expect(configError(() => parseConfig(spec, { ...good, T_NAME: '' })).detail).toMatch(
      /T_NAME is required/,
    );
  });

  it('reports every missing and every bad variable by name in one error', () => {
    const error = configError(() => parseConfig(spec, { T_COUNT: '11' }));
    expect(error.detail).toMatch(/T_NAME is required \(a name\)/);
    expect(error.detail).toMatch(/T_URL is required \(a URL\)/);
    expect(error.detail).toMatch(/T_COUNT must be an integer from 1 to 10, got "11"/);
    expect(error.detail).not.toMatch(/T_HOSTS|T_LABEL/);
    expect(error.code).toBe('ERR_CONFIG');
  });

  it('names the variable when a check throws something other than a ConfigError', () => {
    const exploding = {
      odd: jsonVar('T_ODD', 'odd', () => {
        throw new TypeError('boom');
      }),
    };
    expect(configError(() => parseConfig(exploding, { T_ODD: '1' })).detail).toMatch(
      /T_ODD: TypeError: boom/,
    );
  });
});

describe('intVar', () => {
  const variable = intVar('T_INT', 'an int', { min: -5, max: 600 });

  it.each<[string, number]>([
    ['-5', -5],
    ['0', 0],
    ['600', 600],
    ['42', 42],
    [' 42 ', 42],
    ['007', 7],
  ])('accepts %j as %d', (raw, value) => {
    expect(variable.parse(raw, 'T_INT')).toBe(value);
  });

  it.each(['-6', '601', '1.5', '1e2', '0x10', 'ten', '4 2', '+', '-', 'Infinity', '99999999999999999999'])(
    'refuses %j, naming the variable and the range',
    (raw) => {
      expect(configError(() => variable.parse(raw, 'T_INT')).detail).toBe(
        `T_INT must be an integer from -5 to 600, got "${raw}"`,
      );
    },
  );
});

describe('urlVar', () => {
  const variable = urlVar('T_URL', 'a URL');

  it.each(['https://api.eventq.example', 'http://127.0.0.1:8080/relay', 'HTTPS://Example.com/'])(
    'accepts %s as it is',
    (raw) => {
      expect(variable.parse(raw, 'T_URL')).toBe(raw);
    },
  );

  it.each([
    'not a url',
    '/relative/path',
    'example.com',
    'ftp://example.com/',
    'file:///etc/passwd',
    'javascript:1',
  ])('refuses %j, naming the variable', (raw) => {
    expect(configError(() => variable.parse(raw, 'T_URL')).detail).toMatch(
      /^T_URL must be an .*http\(s\) URL/,
    );
  });
});

describe('listVar', () => {
  it('splits on commas, trims, and drops empty items', () => {
    expect(listVar('T_LIST', 'a list').parse(' a, b ,,c ,', 'T_LIST')).toEqual(['a', 'b', 'c']);
  });
});

describe('jsonVar', () => {
  it('refuses a value that is not JSON, naming the variable', () => {
    const variable = jsonVar('T_JSON', 'json', (v) => v);
    expect(configError(() => variable.parse('{nope', 'T_JSON')).detail).toBe('T_JSON must be JSON');
  });

  it('passes the parsed value through its check', () => {
    const variable = jsonVar('T_JSON', 'json', (v) => (v as number[]).length);
    expect(variable.parse('[1,2,3]', 'T_JSON')).toBe(3);
  });
});

describe('requiredVariables, allVariables and deployedVariables', () => {
  const spec = {
    a: stringVar('T_A', 'a'),
    b: stringVar('T_B', 'b', 'default'),
    c: intVar('T_C', 'c', { min: 0, max: 1 }),
    d: platformVar(optionalStringVar('T_D', 'd')),
  };

  it('lists the variables without a default as required, but not optional ones', () => {
    expect(requiredVariables(spec)).toEqual(['T_A', 'T_C']);
  });

  it('lists every variable', () => {
    expect(allVariables(spec)).toEqual(['T_A', 'T_B', 'T_C', 'T_D']);
  });

  it('leaves the variables the platform sets out of those a deployment sets', () => {
    expect(deployedVariables(spec)).toEqual(['T_A', 'T_B', 'T_C']);
  });

  it('reads an optional variable that is unset as undefined, and one that is set as its value', () => {
    expect(parseConfig({ d: spec.d }, {})).toEqual({ d: undefined });
    expect(parseConfig({ d: spec.d }, { T_D: 'x' })).toEqual({ d: 'x' });
  });
});
