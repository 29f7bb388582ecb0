// Function file for the ribbon's ExecuteFunction button "检查整个工作簿 / Check whole workbook".
// The whole-workbook check itself lives in the task pane; this command only brings the pane up.

export const CHECK_WORKBOOK = "checkWorkbook";

export async function checkWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  try {
    // Office.addin.showAsTaskpane needs the SharedRuntime 1.1 requirement set; without it the
    // call is missing or rejects, and the user opens the pane with the 打开评分表 button instead.
    if (Office.addin && typeof Office.addin.showAsTaskpane === "function") {
      await Office.addin.showAsTaskpane();
    }
  } catch (error: unknown) {
    console.error("无法打开评分表任务窗格 / Could not open the scorecard task pane", error);
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate(CHECK_WORKBOOK, checkWorkbook);
});
