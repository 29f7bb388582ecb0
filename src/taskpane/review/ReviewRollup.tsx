import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  Input,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import { renderRollup } from "../../review";
import { rollupCounts } from "../../rollup";
import { getRubric } from "../../rubric";
import { isScorecard, readScorecard } from "../../sheet";
import type { WorkbookPort } from "../../workbook";
import { useToday } from "../shared/clock";
import { useTexts } from "../shared/i18n";
import { useMessages } from "../shared/messages";
import { defaultUnit, rememberUnit } from "./unit";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/**
 * 生成汇总表: the 汇总 (with the chart of the totals against the pass line) and 创建名单 sheets drawn into this
 * workbook from its scorecards, with formulas referencing them live.
 */
export function ReviewRollup(props: {
  port: WorkbookPort;
  flush: () => Promise<boolean>;
  /** File mode: the chart goes into the file when it is saved. */
  fileMode: boolean;
}): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const messages = useMessages();
  const [busy, setBusy] = React.useState(false);
  const today = useToday();
  const [unit, setUnit] = React.useState(defaultUnit);
  const issuer = getRubric().notice?.issuer ?? "";

  const build = async (): Promise<void> => {
    setBusy(true);
    try {
      if (!(await props.flush())) return;
      const grids = await props.port.readGrids();
      const reads = grids.filter(isScorecard).map(readScorecard);
      rememberUnit(unit);
      const { rollup, report, years } = await renderRollup(props.port, grids, reads, today, {
        unit: unit.trim() || undefined,
      });
      // The counts scorecard summary reports, from the same core function.
      const counts = format(s.rollupDoneBody, { ...rollupCounts(rollup), scorecards: reads.length });
      const done =
        years.length > 0
          ? `${counts} ${format(s.yearsWritten, { years: years.join(lang === "en" ? ", " : "、") })}`
          : counts;
      if (report.skipped.length > 0)
        messages.show({
          intent: "warning",
          title: s.skippedTitle,
          body: format(s.skippedBody, {
            features: report.skipped
              .map((f) => format(s.skippedFeature, f))
              .join(lang === "en" ? "; " : "；"),
          }),
        });
      else
        messages.show({
          intent: "success",
          title: s.rollupDoneTitle,
          body: props.fileMode ? `${done} ${s.rollupFileChart}` : done,
        });
    } catch (error) {
      messages.report(error, "write");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-labelledby="rollup-title">
      <Subtitle2 as="h3" id="rollup-title">
        {s.rollupHeading}
      </Subtitle2>
      <Caption1>
        {format(s.rollupIntro, { line: getRubric().passLine })}
        {props.fileMode && ` ${s.rollupFileChart}`}
      </Caption1>
      <Field label={s.rollupUnitLabel} hint={s.rollupUnitHint}>
        <Input value={unit} placeholder={issuer} onChange={(_, d) => setUnit(d.value)} />
      </Field>
      <div className={styles.buttons}>
        <Button disabled={busy} onClick={() => void build()}>
          {s.rollupButton}
        </Button>
        {busy && <Spinner size="tiny" label={s.rollupWorking} />}
      </div>
    </section>
  );
}
