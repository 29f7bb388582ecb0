import * as React from "react";
import {
  Body1,
  Button,
  Field,
  Input,
  Select,
  SpinButton,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import { DEFAULT_EDITION, EDITIONS, coversYear, defaultYear, getRubric } from "../../rubric";
import { SheetNameTakenError, type PopulateResult } from "../../workbook";
import { useTexts } from "../shared/i18n";
import { useMessages } from "../shared/messages";
import type { ScorecardSession } from "../shared/session";
import { closeStation } from "./stationMatch";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "420px" },
  existing: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteYellowBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteYellowBackground1,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  suggestion: { alignSelf: "flex-start", marginTop: `calc(-1 * ${tokens.spacingVerticalS})` },
});

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

interface Choice {
  readonly station: string;
  readonly year: number;
  readonly edition: string;
}

/**
 * 插入评分表: station (the notice's 17 or any other), year and edition. An existing scorecard for the station is
 * offered to open or to repair; repair redraws layout and formulas around the entries already there.
 */
export function InsertPanel(props: { session: ScorecardSession; onDone: () => void }): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const messages = useMessages();
  const [station, setStation] = React.useState("");
  const [yearText, setYearText] = React.useState(() =>
    String(defaultYear(getRubric(DEFAULT_EDITION), new Date().getFullYear())),
  );
  const [edition, setEdition] = React.useState(DEFAULT_EDITION);
  const [touched, setTouched] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [existing, setExisting] = React.useState<(Choice & { sheet: string }) | null>(null);
  const openButton = React.useRef<HTMLButtonElement>(null);
  // Keyboard users land on the offer (open / repair) as soon as it appears.
  React.useEffect(() => {
    if (existing) openButton.current?.focus();
  }, [existing]);

  const rubric = getRubric(edition);
  const stations = rubric.notice?.stations ?? [];
  const typed = station.trim();
  const suggestion = closeStation(typed, stations);
  const listId = `${React.useId()}-stations`;
  const year = Number(yearText);
  const yearValid = Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
  const stationError = touched && typed === "" ? s.stationRequired : undefined;
  const yearError = yearValid ? undefined : s.yearInvalid;
  const yearWarning =
    yearValid && !coversYear(rubric, year)
      ? format(s.yearOutside, {
          year,
          edition: lang === "en" ? rubric.shortTitleEn : rubric.shortTitle,
          from: rubric.years[0],
          to: rubric.years[rubric.years.length - 1],
        })
      : undefined;

  const announce = (result: PopulateResult): void => {
    const sheet = result.plan.sheetName;
    const skipped = result.report.skipped;
    if (skipped.length > 0) {
      messages.show({
        intent: "warning",
        title: s.skippedTitle,
        body: format(s.skippedBody, {
          features: skipped.map((f) => format(s.skippedFeature, f)).join(lang === "en" ? "; " : "；"),
        }),
      });
    } else if (result.repaired) {
      messages.show({ intent: "success", title: s.repairedTitle, body: format(s.repairedBody, { sheet }) });
    } else {
      messages.show({ intent: "success", title: s.insertedTitle, body: format(s.insertedBody, { sheet }) });
    }
  };

  const run = async (choice: Choice): Promise<void> => {
    setBusy(true);
    try {
      const result = await props.session.insert({
        rubric: getRubric(choice.edition),
        station: choice.station,
        year: choice.year,
      });
      if (result) {
        setExisting(null);
        announce(result);
        props.onDone();
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (typed === "" || !yearValid || busy) return;
    const choice: Choice = { station: typed, year, edition };
    setBusy(true);
    try {
      const found = await props.session.existing(choice.station, choice.year);
      if (found.existing === "scorecard") {
        setExisting({ ...choice, sheet: found.sheet });
        return;
      }
      if (found.existing === "other") {
        messages.report(new SheetNameTakenError(found.sheet), "insert");
        return;
      }
    } catch (error) {
      messages.report(error, "read");
      return;
    } finally {
      setBusy(false);
    }
    await run(choice);
  };

  const open = async (sheet: string): Promise<void> => {
    setBusy(true);
    try {
      if (await props.session.open(sheet)) {
        setExisting(null);
        props.onDone();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="insert-title" noValidate>
      <Subtitle2 as="h2" id="insert-title">
        {s.insertHeading}
      </Subtitle2>
      <Field
        label={s.stationLabel}
        hint={s.stationHint}
        required
        validationMessage={stationError}
        validationState={stationError ? "error" : "none"}
      >
        {/* A text box with the notice's stations as suggestions: pick one, or type any other name. */}
        <Input
          value={station}
          list={listId}
          autoComplete="off"
          onChange={(_, data) => setStation(data.value)}
          onBlur={() => setTouched(true)}
        />
      </Field>
      {suggestion && (
        <Button
          appearance="transparent"
          className={styles.suggestion}
          onClick={() => setStation(suggestion)}
          data-testid="station-suggestion"
        >
          {format(s.stationSuggest, { station: suggestion })}
        </Button>
      )}
      <datalist id={listId} data-testid="stations">
        {stations.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <Field
        label={s.yearLabel}
        required
        validationMessage={yearError ?? yearWarning}
        validationState={yearError ? "error" : yearWarning ? "warning" : "none"}
      >
        <SpinButton
          min={MIN_YEAR}
          max={MAX_YEAR}
          value={yearValid ? year : null}
          displayValue={yearText}
          inputMode="numeric"
          incrementButton={{ "aria-label": format(s.spinIncrease, { name: s.yearLabel }) }}
          decrementButton={{ "aria-label": format(s.spinDecrease, { name: s.yearLabel }) }}
          onChange={(_, data) => {
            if (typeof data.value === "number") setYearText(String(data.value));
            else if (data.displayValue !== undefined) setYearText(data.displayValue.normalize("NFKC").trim());
          }}
        />
      </Field>
      <Field label={s.editionLabel} hint={lang === "en" ? rubric.titleEn : rubric.title}>
        <Select value={edition} onChange={(_, data) => setEdition(data.value)}>
          {EDITIONS.map((r) => (
            <option key={r.edition} value={r.edition}>
              {lang === "en" ? r.shortTitleEn : r.shortTitle}
            </option>
          ))}
        </Select>
      </Field>
      {existing ? (
        <div className={styles.existing} role="group" aria-labelledby="existing-title" data-testid="existing">
          <Subtitle2 as="h3" id="existing-title">
            {format(s.existsTitle, { station: existing.station, year: existing.year })}
          </Subtitle2>
          <Body1>{s.existsBody}</Body1>
          <div className={styles.actions}>
            <Button
              ref={openButton}
              appearance="primary"
              disabled={busy}
              onClick={() => void open(existing.sheet)}
            >
              {s.openExisting}
            </Button>
            <Button disabled={busy} onClick={() => void run(existing)}>
              {s.repairExisting}
            </Button>
            <Button appearance="subtle" disabled={busy} onClick={() => setExisting(null)}>
              {s.cancel}
            </Button>
          </div>
        </div>
      ) : (
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {s.insertButton}
          </Button>
        </div>
      )}
    </form>
  );
}
