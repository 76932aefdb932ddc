/**
 * A child of the local stack stops with it: its entry point stops cleanly on
 * SIGTERM, and a stack killed outright sends none, so the child sends itself
 * one once its parent is gone.
 */
export function stopWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
  }, 1000).unref();
}
