import { terminalSafe } from '../../../cli/terminal-safe';

describe('terminalSafe', () => {
  it.each<[string, string, string]>([
    [
      'an escape sequence that clears the screen',
      'sink answered 500: \u001b[2J\u001b[H',
      'sink answered 500: \\x1b[2J\\x1b[H',
    ],
    ['a window-title sequence', '\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['a carriage return that would overwrite the line', 'ok\rFAILED', 'ok\\x0dFAILED'],
    ['a C1 control', 'a\u009bb', 'a\\x9bb'],
    ['a bidirectional override', 'txt\u202Egpj.exe', 'txt\\u202egpj.exe'],
    ['plain text and non-ASCII letters', 'Grüße, ✓ délivré', 'Grüße, ✓ délivré'],
  ])('escapes %s', (_what, text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
  });
});
