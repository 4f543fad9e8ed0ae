// Text from elsewhere (a sink's answer, an event, an API error) shown in a
// terminal: control characters are escaped, so that an escape sequence a sink
// put in its answer cannot move the cursor, rewrite the screen or set the
// window title of the person reading it. JSON output needs none of this:
// JSON.stringify escapes every control character already.

// C0 (tab and newline too: they would break a table row), DEL, C1, and the
// bidirectional overrides that can reorder what is shown.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}
