// Starts a command from one bundle of its sources (../bundle/bundle.mjs): `npm run export` promises its file in
// under a second, which the TypeScript loader alone would spend before the command did anything.
//   node src/io/cli/quick-start.mjs src/io/cli/export.ts <the command's arguments>
import { pathToFileURL } from "node:url";
import { bundleOf } from "../bundle/bundle.mjs";

const bundle = bundleOf(process.argv[2]);
process.argv.splice(2, 1);
await import(pathToFileURL(bundle).href);
