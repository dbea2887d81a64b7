import { describe, expect, it } from "vitest";
import { type SignupGate, type SignupRefusal, signupRefusal } from "../../src/domain/signup-rules.ts";

// Tuesday 1 December 2026, 12:00 in Shanghai.
const now = new Date("2026-12-01T04:00:00Z");
const HOUR = 3_600_000;

type When = "before" | "at" | "after";
type Deadline = "none" | When;

const instant: Record<When, Date> = {
  before: new Date(now.getTime() - HOUR),
  at: now,
  after: new Date(now.getTime() + HOUR),
};
const ends: When[] = ["before", "at", "after"];
const deadlines: Deadline[] = ["none", "before", "at", "after"];

function gate(status: SignupGate["status"], end: When, deadline: Deadline): SignupGate {
  return { status, endsAt: instant[end], signupDeadline: deadline === "none" ? null : instant[deadline] };
}

describe("signupRefusal", () => {
  // A published event: open until it ends and until its deadline, both exclusive; having ended says more than
  // a passed deadline.
  const published: [end: When, deadline: Deadline, refusal: SignupRefusal | null][] = [
    ["before", "none", "ended"],
    ["before", "before", "ended"],
    ["before", "at", "ended"],
    ["before", "after", "ended"],
    ["at", "none", "ended"],
    ["at", "before", "ended"],
    ["at", "at", "ended"],
    ["at", "after", "ended"],
    ["after", "none", null],
    ["after", "before", "deadline"],
    ["after", "at", "deadline"],
    ["after", "after", null],
  ];
  it.each(published)("a published event ending %s now, deadline %s: %s", (end, deadline, refusal) => {
    expect(signupRefusal(gate("published", end, deadline), now)).toBe(refusal);
  });

  // Any other status refuses with its own reason, whatever the times say.
  const others = (["draft", "closed", "cancelled", "completed"] as const).flatMap((status) =>
    ends.flatMap((end) => deadlines.map((deadline) => [status, end, deadline] as const)),
  );
  it.each(others)("a %s event ending %s now, deadline %s: refused, naming its status", (status, end, deadline) => {
    expect(signupRefusal(gate(status, end, deadline), now)).toBe(status);
  });

  it("counts to the millisecond: open 1 ms before the end or the deadline, refused at it", () => {
    const soon = new Date(now.getTime() + 1);
    expect(signupRefusal({ status: "published", endsAt: soon, signupDeadline: soon }, now)).toBeNull();
    expect(signupRefusal({ status: "published", endsAt: soon, signupDeadline: soon }, soon)).toBe("ended");
    const later = new Date(now.getTime() + HOUR);
    expect(signupRefusal({ status: "published", endsAt: later, signupDeadline: soon }, soon)).toBe("deadline");
  });
});
