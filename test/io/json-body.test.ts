// The one pass that refuses over-long lists before parsing: entries are counted per list, never inside strings.
import { describe, expect, it } from "vitest";
import { hasListLongerThan, parseJsonBody } from "../../src/io/http/json-body.js";

describe("list lengths before the parse", () => {
  it("counts the entries of each list at its own depth", () => {
    expect(hasListLongerThan("[1,2,3]", 3)).toBe(false);
    expect(hasListLongerThan("[1,2,3,4]", 3)).toBe(true);
    expect(hasListLongerThan("[[1,2],[3,4],[5,6]]", 3)).toBe(false);
    expect(hasListLongerThan('{"a":1,"b":2,"c":3,"d":4}', 3)).toBe(false);
    expect(hasListLongerThan('[{"a":1,"b":2,"c":3,"d":4}]', 3)).toBe(false);
  });

  it("skips strings, escaped quotes included", () => {
    expect(hasListLongerThan('["a,b,c,d,e"]', 3)).toBe(false);
    expect(hasListLongerThan('["a\\",[,,,,", 1]', 3)).toBe(false);
    expect(hasListLongerThan('["\\\\",1,2,3]', 3)).toBe(true);
  });

  it("agrees with JSON.parse on random lists", () => {
    for (let n = 0; n < 200; n++) {
      const list = Array.from({ length: n % 13 }, (_, i) => (i % 3 === 0 ? `a,${i}]"` : i % 3 === 1 ? [i, i] : { k: i }));
      const text = JSON.stringify({ x: list });
      expect(hasListLongerThan(text, 6)).toBe(list.length > 6);
    }
  });

  it("a bodiless DELETE is no body; an empty POST is an error", () => {
    expect(parseJsonBody("", "DELETE")).toBeUndefined();
    expect(() => parseJsonBody(" ", "POST")).toThrow("EMPTY_BODY");
    expect(() => parseJsonBody('{"__proto__":{}}', "POST")).toThrow("FORBIDDEN_KEY");
    expect(() => parseJsonBody('{"a":', "POST")).toThrow("MALFORMED_JSON");
    expect(parseJsonBody('{"a":[1,2]}', "POST")).toEqual({ a: [1, 2] });
  });
});
