import { oncePer } from "../src/memo";
import { getRubric } from "../src/rubric";
import { layoutFor } from "../src/sheet";

describe("oncePer", () => {
  it("works a result out once per key object and apart for each key", () => {
    let calls = 0;
    const sizeOf = oncePer((key: { n: number }) => ({ size: key.n, call: ++calls }));
    const a = { n: 1 };
    const b = { n: 1 };
    expect(sizeOf(a)).toBe(sizeOf(a));
    expect(sizeOf(b)).not.toBe(sizeOf(a));
    expect(sizeOf(b)).toEqual({ size: 1, call: 2 });
    expect(calls).toBe(2);
  });

  it("gives every read of one edition the same layout object", () => {
    expect(layoutFor(getRubric("2020-trial"))).toBe(layoutFor(getRubric("2020-trial")));
  });
});
