/**
 * The path of an up-to-date bundle of `entry` (a path from the repository's root), made now if there is none.
 * Synchronous, so that a worker thread can be started from it wherever one is started.
 */
export function bundleOf(entry: string): string;
