// Judges an IAM condition expression for one resource name, as IAM would:
// the small CEL subset eventq's conditions use (`resource.name == "…"`,
// `.startsWith("…")`, `||`, `&&`). Anything else is refused rather than guessed.

export function allows(expression: string, resourceName: string): boolean {
  if (!/^(\s*(\|\||&&)?\s*resource\.name(\s*==\s*"[^"]*"|\.startsWith\("[^"]*"\)))+\s*$/.test(expression)) {
    throw new Error(`the test does not evaluate the condition ${expression}`);
  }
  const js = expression.replace(/==/g, '===').replace(/resource\.name/g, 'name');
  return new Function('name', `return ${js};`)(resourceName) as boolean;
}
