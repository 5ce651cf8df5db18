/**
 * CPU time of processes, for benchmarks on a shared machine: wall-clock figures move with the
 * load of whoever else runs there, CPU time (user + system) much less (contention still
 * inflates it somewhat). Linux only (/proc).
 *
 * - this process: `process.cpuUsage()` (every thread: the type-checker thread, libuv's pool);
 * - another process: utime + stime of /proc/<pid>/stat (every thread of it: isolated-vm runs
 *   isolates on its own thread pool, and those are counted).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (`getconf CLK_TCK`, almost always 100). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone
  }
  // Field 3 (state) is the first after the last ')'.
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU milliseconds (user + system, all threads) a process has used so far; this process's own
 * without `pid`.
 *
 * @example
 * const before = processCpuMs(child.pid!);
 * await work();
 * console.log(processCpuMs(child.pid!) - before, 'ms of CPU');
 */
export function processCpuMs(pid?: number): number {
  if (pid === undefined || pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  const fields = statFields(pid);
  if (!fields) return Number.NaN;
  // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the state (field 3).
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
}

/**
 * The live child processes of this process whose command line contains `marker`.
 *
 * @example
 * childProcessIds('worker-main'); // the sandbox's worker processes, e.g. [41231, 41232]
 */
export function childProcessIds(marker: string): number[] {
  const ids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (Number(statFields(pid)?.[1]) !== process.pid) continue; // field 4: the parent's id
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) ids.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  return ids;
}

/** CPU time of a named set of processes, read at the start and the end of a measured span. */
export class CpuMeter<Name extends string> {
  private readonly groups: Record<Name, number[]>;
  private readonly start = new Map<Name, number>();

  /**
   * `groups`: a name and the process ids it covers. A process that exits before `read` makes its
   * group NaN (its CPU time is lost), which is better than a figure silently too low.
   *
   * @example
   * const meter = new CpuMeter({ runner: [process.pid], emulator: [child.pid!] });
   * await work();
   * meter.read(); // { runner: 5312.4, emulator: 1210 }
   */
  constructor(groups: Record<Name, number[]>) {
    this.groups = groups;
    for (const name of this.names()) this.start.set(name, sumCpuMs(groups[name]));
  }

  /** CPU ms each group used since the meter was made. */
  read(): Record<Name, number> {
    const used = {} as Record<Name, number>;
    for (const name of this.names())
      used[name] = sumCpuMs(this.groups[name]) - this.start.get(name)!;
    return used;
  }

  private names(): Name[] {
    return Object.keys(this.groups) as Name[];
  }
}

function sumCpuMs(pids: number[]): number {
  return pids.reduce((total, pid) => total + processCpuMs(pid), 0);
}
