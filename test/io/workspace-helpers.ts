// A browser's part in workspace tests through inject(): cookies kept and sent, the form's CSRF token read from the
// last page, forms posted url-encoded or multipart.
import type { TestServer } from "./http-helpers.js";

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, unknown>;
}

export class Visitor {
  readonly jar = new Map<string, string>();
  token = "";

  constructor(
    private readonly server: TestServer,
    private readonly host = "localhost",
  ) {}

  private remember(setCookie: unknown) {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const line of list as string[]) {
      const [pair, ...attributes] = line.split(";");
      const [name, value] = pair.split("=");
      if (attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim())) || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private async send(method: "GET" | "POST", url: string, payload?: Buffer | string, type?: string): Promise<Answer> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await this.server.app.inject({
      method,
      url,
      headers: { host: this.host, ...(cookie ? { cookie } : {}), ...(type ? { "content-type": type } : {}) },
      ...(payload === undefined ? {} : { payload }),
    });
    this.remember(response.headers["set-cookie"]);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token) this.token = token[1];
    return { status: response.statusCode, body: response.body, headers: response.headers };
  }

  get(url: string): Promise<Answer> {
    return this.send("GET", url);
  }

  /** A url-encoded form; the page's CSRF token is added unless `_csrf` is given. */
  post(url: string, fields: Record<string, string> = {}): Promise<Answer> {
    const body = new URLSearchParams({ _csrf: this.token, ...fields }).toString();
    return this.send("POST", url, body, "application/x-www-form-urlencoded");
  }

  /** A multipart form with files; the CSRF token is added. */
  upload(url: string, fields: Record<string, string | { file: string; data: Buffer }>): Promise<Answer> {
    const boundary = "----workspace-test-boundary";
    const entries: [string, string | { file: string; data: Buffer }][] = [["_csrf", this.token], ...Object.entries(fields)];
    const parts = entries.map(([name, value]) =>
      typeof value === "string"
        ? Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        : Buffer.concat([
            Buffer.from(
              `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${value.file}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
            ),
            value.data,
            Buffer.from("\r\n"),
          ]),
    );
    return this.send(
      "POST",
      url,
      Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
      `multipart/form-data; boundary=${boundary}`,
    );
  }

  async signIn(key: string): Promise<Answer> {
    await this.get("/app/sign-in");
    return this.post("/app/sign-in", { key });
  }
}
