import { readFileSync } from 'node:fs';

/** Whether a process with this PID exists and has not exited (a zombie counts as exited). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** Whether the process runs `sfgw serve`; true where /proc cannot tell (not Linux). */
export function looksLikeGateway(pid: number): boolean {
  const commandLine = readProcFile(pid, 'cmdline');
  return commandLine === undefined || commandLine.split('\0').includes('serve');
}

// An orphan that exited stays a zombie until its new parent reaps it, and some container init
// processes never do; signal 0 still succeeds on it.
function isZombie(pid: number): boolean {
  const stat = readProcFile(pid, 'stat');
  if (stat === undefined) return false;
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

function readProcFile(pid: number, name: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}
