import { describe, expect, it } from "vitest";
import { hasRole, parseRole, roleForNewUser } from "@/lib/auth/roles";

describe("roles", () => {
  it("parses stored roles, falling back to the least privilege", () => {
    expect(parseRole("INSTRUCTOR")).toBe("INSTRUCTOR");
    expect(parseRole("STUDENT")).toBe("STUDENT");
    expect(parseRole("ADMIN")).toBe("STUDENT");
    expect(parseRole(undefined)).toBe("STUDENT");
    expect(parseRole("instructor")).toBe("STUDENT");
  });

  it("makes instructors only of configured emails, whatever their case", () => {
    const list = ["ada@example.com"];
    expect(roleForNewUser("Ada@Example.com ", list)).toBe("INSTRUCTOR");
    expect(roleForNewUser("eve@example.com", list)).toBe("STUDENT");
    expect(roleForNewUser("ada@example.com", [])).toBe("STUDENT");
  });

  it("lets instructors do what students do, and not the other way round", () => {
    expect(hasRole({ role: "INSTRUCTOR" }, "INSTRUCTOR")).toBe(true);
    expect(hasRole({ role: "INSTRUCTOR" }, "STUDENT")).toBe(true);
    expect(hasRole({ role: "STUDENT" }, "STUDENT")).toBe(true);
    expect(hasRole({ role: "STUDENT" }, "INSTRUCTOR")).toBe(false);
    expect(hasRole(null, "STUDENT")).toBe(false);
  });
});
