// Runs a variable's validation conditions on given inputs, as `terraform plan`
// would: each condition is read from the HCL and translated into JavaScript.
// Only the small subset of HCL that eventq's validations use is translated
// (comparisons, && || !, ?:, string and list literals, startswith, endswith,
// contains, coalesce, tonumber, can(regex(...)), alltrue([for x in list : ...])); anything else
// fails to compile and fails the test, rather than being guessed.
import { blocks, expressionText, objectVariableDefaults, type TerraformModule } from './terraform-config';

const STRING = '"(?:[^"\\\\]|\\\\.)*"';

/** The JavaScript form of one HCL condition; `input` stands for `var`. */
export function toJavaScript(hcl: string): string {
  let js = hcl.replace(/\s+/g, ' ').trim();
  js = js.replace(
    /alltrue\(\[for (\w+) in ([\w.]+) : (.+?)\]\)/g,
    (_m, item: string, list: string, body: string) => `(${list}).every((${item}) => ${body})`,
  );
  js = js.replace(new RegExp(`can\\(regex\\((${STRING}), ([\\w.]+)\\)\\)`, 'g'), 'regexMatches($1, $2)');
  js = js.replace(/\bvar\./g, 'input.');
  js = js.replace(/(?<![=!<>])==(?!=)/g, '===').replace(/!=(?!=)/g, '!==');
  return js;
}

const helpers = {
  startswith: (s: string, prefix: string) => s.startsWith(prefix),
  endswith: (s: string, suffix: string) => s.endsWith(suffix),
  contains: (list: unknown[], value: unknown) => list.includes(value),
  tonumber: (s: unknown) => Number(s),
  coalesce: (...values: unknown[]) => values.find((v) => v !== null && v !== undefined && v !== ''),
  // Terraform's regex() is RE2 and matches anywhere; eventq's patterns are anchored and RE2-compatible.
  regexMatches: (pattern: string, s: string) => new RegExp(pattern).test(s),
};

/** The validation conditions of a variable, as HCL text. */
export function conditions(module: TerraformModule, variable: string): string[] {
  return blocks(module.variables[variable]!, 'validation').map((v) => expressionText(v.condition));
}

/**
 * Whether every validation of `variable` passes, with `value` as that
 * variable (object attributes defaulted as Terraform does) and `others` as
 * the other variables the conditions refer to.
 */
export function passes(
  module: TerraformModule,
  variable: string,
  value: Record<string, unknown>,
  others: Record<string, unknown> = {},
): boolean {
  // As Terraform does, an attribute given as null takes its optional() default.
  const given = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
  const typed = /^\$\{object\(/.test(String(module.variables[variable]!.type))
    ? { ...objectVariableDefaults({ ...module.variables[variable]!, default: {} }), ...given }
    : value;
  const input = { ...others, [variable]: typed };
  return conditions(module, variable).every((condition) => {
    const run = new Function('input', ...Object.keys(helpers), `return (${toJavaScript(condition)});`);
    return run(input, ...Object.values(helpers)) === true;
  });
}
