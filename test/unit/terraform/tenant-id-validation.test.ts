// Tenant ids that the code refuses are refused by Terraform's variable
// validation too, by the same rules: the pattern and the reserved suffixes
// ("-dead", "-ops") are read from the HCL and compared with the code's, then
// both verdicts are compared on a table of ids.
import {
  checkTenantId,
  deadLetterTopicId,
  opsTopicId,
  RESERVED_TENANT_SUFFIXES,
  TENANT_ID_PATTERN,
  topicId,
} from '../../../functions/src/tenancy/resource-names';
import { blocks, expressionText, loadModule } from './terraform-config';

const DEAD_SUFFIX = deadLetterTopicId('x').slice(topicId('x').length);
const OPS_SUFFIX = opsTopicId('x').slice(topicId('x').length);

interface Rules {
  readonly pattern: string;
  readonly suffixes: string[];
}

const hclString = '"((?:[^"\\\\]|\\\\.)*)"';

/**
 * Reads the validations of a tenant-id variable, which must have exactly
 * these forms (`id` being how the condition names one tenant id):
 *   can(regex("<pattern>", id))   and, once per suffix,   !endswith(id, "<suffix>")
 * wrapped in alltrue([for id in keys(var.tenants) : ...]) for the map.
 */
function readRules(conditions: string[], id: string, wrap: (inner: string) => string): Rules {
  const esc = id.replace(/\./g, '\\.');
  const patternForm = new RegExp(`^${wrap(`can\\(regex\\(${hclString}, ${esc}\\)\\)`)}$`);
  const suffixForm = new RegExp(`^${wrap(`!endswith\\(${esc}, ${hclString}\\)`)}$`);
  const pattern = conditions.map((c) => patternForm.exec(c)).find(Boolean);
  const suffixes = conditions.flatMap((c) => suffixForm.exec(c) ?? []).filter((_, i) => i % 2 === 1);
  if (!pattern || suffixes.length === 0) {
    throw new Error(`unexpected tenant id validations: ${conditions.join(' | ')}`);
  }
  // HCL string escapes are JSON's for these characters.
  return { pattern: JSON.parse(`"${pattern[1]}"`), suffixes: suffixes.map((x) => JSON.parse(`"${x}"`)) };
}

async function validations(dir: string, variable: string): Promise<string[]> {
  const module = await loadModule(dir);
  return blocks(module.variables[variable]!, 'validation').map((v) => expressionText(v.condition));
}

const mapWrap = (inner: string) => `alltrue\\(\\[for id in keys\\(var\\.tenants\\) : ${inner}\\]\\)`;

const sources: [string, () => Promise<Rules>][] = [
  ["the root module's tenants map", async () => readRules(await validations('.', 'tenants'), 'id', mapWrap)],
  [
    "the tenant module's tenant_id",
    async () => readRules(await validations('modules/tenant', 'tenant_id'), 'var.tenant_id', (s) => s),
  ],
];

// Terraform's regex() finds a match anywhere; the pattern is anchored, and RE2
// and JavaScript agree on this pattern's syntax, so RegExp.test is the verdict.
const terraformAccepts = (rules: Rules, id: string): boolean =>
  new RegExp(rules.pattern).test(id) && !rules.suffixes.some((suffix) => id.endsWith(suffix));

const codeAccepts = (id: string): boolean => {
  try {
    checkTenantId(id);
    return true;
  } catch {
    return false;
  }
};

const ids: [string, boolean][] = [
  ['acme', true],
  ['a', true],
  ['globex-eu-2', true],
  ['a'.repeat(40), true],
  ['a'.repeat(41), false],
  ['', false],
  ['Acme', false],
  ['1acme', false],
  ['-acme', false],
  ['acme_eu', false],
  ['acme.eu', false],
  ['acme-dead', false],
  ['dead', true],
  ['acme-deadline', true],
  ['acme-ops', false],
  ['ops', true],
  ['acme-opsx', true],
];

describe.each(sources)('tenant id validation of %s', (_, rulesOf) => {
  let rules: Rules;
  beforeAll(async () => {
    rules = await rulesOf();
  });

  it("uses the code's TENANT_ID_PATTERN", () => {
    expect(rules.pattern).toBe(TENANT_ID_PATTERN.source);
  });

  it('refuses ids ending in the dead-letter and ops suffixes, as checkTenantId does', () => {
    expect(rules.suffixes.sort()).toEqual([DEAD_SUFFIX, OPS_SUFFIX].sort());
    expect([...RESERVED_TENANT_SUFFIXES].sort()).toEqual([DEAD_SUFFIX, OPS_SUFFIX].sort());
  });

  it.each(ids)('judges "%s" as the code does (accepted: %s)', (id, accepted) => {
    expect(codeAccepts(id)).toBe(accepted);
    expect(terraformAccepts(rules, id)).toBe(accepted);
  });
});
