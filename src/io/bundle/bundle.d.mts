/** The path of an up-to-date bundle of `entry` (a path from the repository's root), made now if there is none. */
export function bundleOf(entry: string): Promise<string>;
