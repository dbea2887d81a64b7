import { describe, expect, it } from "vitest";
import { checkParent } from "../../src/domain/organisation-input.ts";

describe("checkParent: the one rule for a parent hub", () => {
  it("a hub above, named by its join code, attaches; named otherwise, asks", () => {
    expect(checkParent({ kind: "organisation" }, { id: 7, kind: "district" }, "code")).toEqual({
      verdict: "attach",
      parentId: 7,
    });
    expect(checkParent({ kind: "street" }, { id: 7, kind: "city" }, "name")).toEqual({ verdict: "ask", parentId: 7 });
  });

  it("an ordinary organisation, a hub at the same level or below, or itself, is refused", () => {
    expect(checkParent({ kind: "organisation" }, { id: 1, kind: "organisation" }, "code")).toEqual({
      verdict: "refused",
      error: "parent-not-hub",
    });
    expect(checkParent({ kind: "district" }, { id: 1, kind: "district" }, "code")).toEqual({
      verdict: "refused",
      error: "parent-not-above",
    });
    expect(checkParent({ kind: "district" }, { id: 1, kind: "street" }, "code").verdict).toBe("refused");
    expect(checkParent({ id: 1, kind: "street" }, { id: 1, kind: "city" }, "code")).toEqual({
      verdict: "refused",
      error: "parent-self",
    });
  });
});
