/**
 * The stand-in's queues and tasks on disk, so that a task it has accepted
 * (a ballot answered 202) survives the stand-in being killed, as Cloud Tasks
 * keeps a created task durably. An append-only file of JSON lines, one per
 * change: the changes that arrive together are written and fsynced once (a
 * group commit), and each is settled only once it is on disk. On start the
 * file is replayed; a torn last line (a kill mid-write) is dropped, as its
 * change was never answered. Whenever the queues are empty, or most lines
 * describe tasks long gone, the file is rewritten with what is live (write,
 * fsync, rename): a ballot's task is not kept on disk after it was applied
 * for longer than the queue takes to drain, and the file does not grow
 * without end. The names of recent tasks (refused for an hour as Cloud Tasks
 * refuses them) are kept in memory only: after a restart a retried ballot
 * may become a task again, which the handler answers as already counted.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export type JournalEntry =
  | { op: 'queue'; queue: Record<string, unknown> }
  | { op: 'task'; queue: string; task: Record<string, unknown> }
  | { op: 'done'; queue: string; name: string };

/** What is live now: what a rewrite keeps (`entries`), and how much of it there is, cheaply. */
export type Live = { entries(): JournalEntry[]; tasks(): number; queues(): number };

type Waiting = { line: string; settle: (err?: unknown) => void };

/** Rewritten when it holds more than four times as many lines as are live, and this many more. */
const slackLines = 256;

export class Journal {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | undefined;
  private lines = 0;

  private constructor(
    private readonly file: string,
    private handle: FileHandle,
    private readonly live: Live,
  ) {}

  /** Opens (or makes) the journal in `dir`; `replay` gets every entry it holds, oldest first, before it is compacted. */
  static async open(dir: string, replay: (entry: JournalEntry) => void, live: Live): Promise<Journal> {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'tasks.ndjson');
    if (existsSync(file)) for (const entry of readEntries(file)) replay(entry);
    const kept = live.entries();
    rewrite(file, kept);
    const journal = new Journal(file, await open(file, 'a'), live);
    journal.lines = kept.length;
    return journal;
  }

  /** Settles once `entry` is on disk. */
  append(entry: JournalEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ line: `${JSON.stringify(entry)}\n`, settle: (err) => (err ? reject(err) : resolve()) });
      this.writing ??= this.writeAll().finally(() => (this.writing = undefined));
    });
  }

  async close(): Promise<void> {
    await this.writing;
    await this.handle.close();
  }

  private async writeAll(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.handle.write(batch.map((w) => w.line).join(''));
        await this.handle.datasync();
        this.lines += batch.length;
        for (const w of batch) w.settle();
      } catch (err) {
        for (const w of batch) w.settle(err);
      }
      const tasks = this.live.tasks();
      const live = tasks + this.live.queues();
      if (this.lines > live && (tasks === 0 || this.lines > 4 * live + slackLines)) {
        const kept = this.live.entries();
        await this.handle.close();
        rewrite(this.file, kept);
        this.handle = await open(this.file, 'a');
        this.lines = kept.length;
      }
    }
  }
}

function readEntries(file: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      break; // torn by a kill mid-write: never answered, and nothing after it was written
    }
  }
  return entries;
}

/** `entries` as the whole file, atomically: a kill during the rewrite leaves the old file. */
function rewrite(file: string, entries: JournalEntry[]): void {
  const next = `${file}.next`;
  const fd = openSync(next, 'w', 0o600);
  try {
    writeSync(fd, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(next, file);
  const dirFd = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
