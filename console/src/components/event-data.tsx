// An event's data as a person reads it: pretty JSON, text, or (for bytes
// that are neither) a hex view, with a choice of the other views.
import { useState } from 'preact/hooks';

type View = 'json' | 'text' | 'hex';

function bytesOf(event: Record<string, unknown>): Uint8Array {
  if (typeof event.data_base64 === 'string')
    return Uint8Array.from(atob(event.data_base64), (c) => c.charCodeAt(0));
  const data = event.data;
  return new TextEncoder().encode(typeof data === 'string' ? data : JSON.stringify(data));
}

function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.slice(i, i + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${i.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

function asText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function EventData({ event }: { readonly event: Record<string, unknown> }) {
  const bytes = bytesOf(event);
  const text = asText(bytes);
  let json: string | undefined;
  if (text !== undefined) {
    try {
      json = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      json = undefined;
    }
  }
  const [view, setView] = useState<View>(json !== undefined ? 'json' : text !== undefined ? 'text' : 'hex');
  const views: View[] = [
    ...(json !== undefined ? (['json'] as View[]) : []),
    ...(text !== undefined ? (['text'] as View[]) : []),
    'hex',
  ];
  const shown = view === 'json' ? json : view === 'text' ? text : hexDump(bytes);
  return (
    <div>
      <fieldset class="views">
        <legend>Show the data as</legend>
        {views.map((v) => (
          <label key={v} class="check inline">
            <input type="radio" name="data-view" checked={view === v} onChange={() => setView(v)} /> {v}
          </label>
        ))}
      </fieldset>
      <pre>{shown}</pre>
    </div>
  );
}
