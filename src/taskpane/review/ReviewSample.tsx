import * as React from "react";
import { Button, Caption1, Field, Input, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import { renderSample } from "../../review";
import { DEFAULT_SAMPLE_RATE } from "../../rollup";
import { isScorecard, readScorecard } from "../../sheet";
import type { WorkbookPort } from "../../workbook";
import { ClockContext } from "../shared/clock";
import { useTexts } from "../shared/i18n";
import { useMessages } from "../shared/messages";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  fields: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  rate: { width: "8em" },
});

/** A seed when the user gives none: 64 random bits, shown and recorded so the draw can be redone. */
const pickSeed = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");

/** 市级抽查: the seeded draw over this workbook's scorecards, written as the 抽查名单 sheet. */
export function ReviewSample(props: {
  port: WorkbookPort;
  flush: () => Promise<boolean>;
}): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const messages = useMessages();
  const now = React.useContext(ClockContext);
  // The share as a clerk reads it: 50 %, not 0.5.
  const [percent, setPercent] = React.useState(String(Math.round(DEFAULT_SAMPLE_RATE * 100)));
  const [seed, setSeed] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const typed = Number(percent.normalize("NFKC").trim());
  const rateOk = percent.trim() !== "" && typed >= 1 && typed <= 100;
  const rateValue = typed / 100;

  const draw = async (): Promise<void> => {
    setBusy(true);
    try {
      if (!(await props.flush())) return;
      const grids = await props.port.readGrids();
      const reads = grids.filter(isScorecard).map(readScorecard);
      const chosen = seed.trim() || pickSeed();
      const sample = await renderSample(props.port, grids, reads, {
        rate: rateValue,
        seed: chosen,
        time: now(),
      });
      setSeed(chosen);
      messages.show({
        intent: "success",
        title: s.sampleDoneTitle,
        body: format(s.sampleDoneBody, {
          n: sample.candidates,
          k: sample.rows.length,
          stations: sample.rows.map((r) => r.station).join(lang === "en" ? ", " : "、"),
          seed: chosen,
        }),
      });
    } catch (error) {
      messages.report(error, "write");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-labelledby="sample-title">
      <Subtitle2 as="h3" id="sample-title">
        {s.sampleHeading}
      </Subtitle2>
      <Caption1>{s.sampleIntro}</Caption1>
      <div className={styles.fields}>
        <Field
          label={s.sampleRate}
          validationState={rateOk ? "none" : "error"}
          validationMessage={rateOk ? undefined : s.sampleBadRate}
        >
          <Input
            className={styles.rate}
            inputMode="decimal"
            value={percent}
            contentAfter="%"
            onChange={(_, d) => setPercent(d.value)}
          />
        </Field>
      </div>
      {/* The seed is for checking a draw, not for drawing: kept out of the way, explained where it is. */}
      <details>
        <summary>{s.details}</summary>
        <Field label={s.sampleSeed} hint={s.sampleSeedHint}>
          <Input value={seed} onChange={(_, d) => setSeed(d.value)} />
        </Field>
      </details>
      <div>
        <Button disabled={busy || !rateOk} onClick={() => void draw()}>
          {s.sampleButton}
        </Button>
      </div>
    </section>
  );
}
