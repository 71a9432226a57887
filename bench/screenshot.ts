// `npm run screenshot`: the coordinator's workspace as chromium shows it on a laptop screen, with the shipped Ohio
// clinic uploaded from its spreadsheets and solved, kept as docs/workspace.png for the README. The server runs here,
// keyless on loopback, with an embedded database of its own that is thrown away.
import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { buildApp } from "../src/io/http/app.js";
import { loadConfig } from "../src/io/http/config.js";
import { openServices } from "../src/io/http/services.js";
import { launchChromium } from "./chromium.js";

const OHIO = "scenarios/ohio-60";
const OUT = "docs/workspace.png";

const config = loadConfig({ WORKERS: "1", WARM_UP: "off", DATA_DIR: "memory://", LOG_LEVEL: "warn" });
if (!config.ok) throw new Error(JSON.stringify(config.problems));
const services = await openServices(config.value);
const app = await buildApp(services);
services.runner.start(app.log);
await app.listen({ port: 0, host: "127.0.0.1" });
const base = `http://localhost:${(app.server.address() as AddressInfo).port}`;
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${base}/app`);
  await page.getByLabel("Clinic settings (JSON)").setInputFiles(`${OHIO}/clinic.json`);
  await page.getByLabel("Patients").setInputFiles(`${OHIO}/patients.csv`);
  await page.getByLabel("Facilitators").setInputFiles(`${OHIO}/facilitators.csv`);
  await page.getByRole("button", { name: "Upload" }).click();
  await page.getByLabel("Time limit (seconds)").fill("5");
  await page.getByRole("button", { name: "Solve" }).click();
  await page.getByRole("table", { name: /^The week/ }).waitFor({ timeout: 60_000 });
  writeFileSync(OUT, await page.screenshot({ fullPage: false }));
} finally {
  await browser.close();
  await services.close(0, app.close());
}
process.stdout.write(`${OUT}\n`);
