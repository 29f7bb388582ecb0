/** @jest-environment jsdom */
/*
 * A value picked from a validation list raises no change event (office-js#420 on Windows, #3888 on the web): the
 * pane reads the scorecard again when it gets focus back, without the clerk pressing 重新检查.
 */
import { act, configure, renderHook, waitFor } from "@testing-library/react";
import { COL, addr, layoutFor } from "../src/sheet";
import { useScorecard } from "../src/taskpane/shared/useScorecard";
import { MemoryPort, entriesOf, rubric } from "./support/memoryPort";

// Wait for conditions, never for a fixed second: a loaded CI machine can take seconds per step.
configure({ asyncUtilTimeout: 20_000 });

describe("useScorecard: focus on the pane", () => {
  it("reads the shown scorecard again when the pane gets focus, and stops listening when unmounted", async () => {
    const port = new MemoryPort();
    const sheet = port.addScorecard({ rubric, station: "东城街道", year: 2020, entries: entriesOf({}) });
    const { result, unmount } = renderHook(() => useScorecard(port, () => undefined, { readDelay: 1 }));
    await waitFor(() => expect(result.current.snapshot.view?.sheet).toBe(sheet));
    // Changed behind the pane's back, with no event: as a list pick in Excel.
    port.userPickFromList(sheet, addr(COL.self, layoutFor(rubric).entryRows.get("75.1") ?? 0), "是");
    expect(result.current.snapshot.view?.entries.self["75.1"] ?? null).toBeNull();
    act(() => {
      window.dispatchEvent(new Event("focus"));
    });
    await waitFor(() => expect(result.current.snapshot.view?.entries.self["75.1"]).toBe("是"));
    unmount();
    const reads = port.calls.readGrids;
    window.dispatchEvent(new Event("focus"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(port.calls.readGrids).toBe(reads);
  });
});
