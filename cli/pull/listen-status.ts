// Progress of `eventq queues listen` for a person watching: one line on stderr,
// rewritten in place, and only when stderr is a terminal so that scripts and
// pipes see nothing but events.
import type { ListenCounts } from './consume-messages';

export interface ListenStatus {
  update(counts: Readonly<ListenCounts>): void;
  /** A status line: terminals only. */
  say(line: string): void;
  /** A problem: always written, without breaking the status line. */
  warn(line: string): void;
  end(): void;
}

export function formatCounts(counts: Readonly<ListenCounts>): string {
  return `delivered ${counts.delivered} · failed ${counts.failed} · filtered out ${counts.filteredOut} · invalid ${counts.invalid}`;
}

export function listenStatus(stream: NodeJS.WriteStream = process.stderr): ListenStatus {
  if (!stream.isTTY) {
    return {
      update: () => undefined,
      say: () => undefined,
      warn: (line) => stream.write(`${line}\n`),
      end: () => undefined,
    };
  }
  let shown = false;
  const say = (line: string) => {
    stream.write(`${shown ? '\r\x1b[2K' : ''}${line}\n`);
    shown = false;
  };
  return {
    say,
    warn: say,
    update(counts) {
      stream.write(`\r\x1b[2K${formatCounts(counts)}`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}
