/** What the benches read about a process from /proc (Linux): CPU time and resident memory. */
import { readFileSync } from 'node:fs';

/** CPU time (user + system) the process has used so far, in milliseconds (10 ms ticks). */
export function cpuMs(pid: number): number {
	// After "pid (command) ": utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second).
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The process's resident memory (VmRSS), in bytes. */
export function rssBytes(pid: number): number {
	return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}
