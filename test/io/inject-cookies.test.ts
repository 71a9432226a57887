// light-my-request (fastify's inject, which every HTTP test uses) runs on cookie@1 here: cookie@2 wants Node 22,
// and package.json overrides it so that a clean `npm ci` on Node 20 warns of nothing. Cookies still go through.
import Fastify from "fastify";
import { expect, it } from "vitest";

it("inject sends cookies with the overridden cookie package", async () => {
  const app = Fastify();
  app.get("/", async (request) => ({ cookie: request.headers.cookie }));
  const res = await app.inject({ url: "/", cookies: { session: "a b", lang: "en" } });
  expect(res.json()).toEqual({ cookie: "session=a%20b; lang=en" });
  await app.close();
});
