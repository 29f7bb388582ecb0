import * as React from "react";
import { makeStyles, mergeClasses, tokens, typographyStyles } from "@fluentui/react-components";

export interface PaneTabItem<T extends string> {
  readonly value: T;
  readonly id: string;
  readonly label: string;
}

export interface PaneTabsProps<T extends string> {
  readonly tabs: readonly PaneTabItem<T>[];
  readonly selected: T;
  readonly onSelect: (value: T) => void;
  readonly label: string;
  readonly className?: string;
}

// Fluent's small TabList, drawn by hand: the real one brings the tabster focus library (about 25 KB gzip) into
// the pane's first load for its arrow-key navigation, which the few lines below do as well.
const useStyles = makeStyles({
  list: { display: "flex", alignItems: "center", flexWrap: "wrap" },
  tab: {
    ...typographyStyles.body1,
    position: "relative",
    display: "inline-flex",
    alignItems: "center",
    padding: `${tokens.spacingVerticalSNudge} ${tokens.spacingHorizontalSNudge}`,
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorTransparentBackground,
    color: tokens.colorNeutralForeground2,
    cursor: "pointer",
    ":hover": {
      backgroundColor: tokens.colorTransparentBackgroundHover,
      color: tokens.colorNeutralForeground2Hover,
    },
    ":active": {
      backgroundColor: tokens.colorTransparentBackgroundPressed,
      color: tokens.colorNeutralForeground2Pressed,
    },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  selected: {
    ...typographyStyles.body1Strong,
    color: tokens.colorNeutralForeground1,
    ":hover": { color: tokens.colorNeutralForeground1Hover },
    "::after": {
      content: '""',
      position: "absolute",
      left: tokens.spacingHorizontalSNudge,
      right: tokens.spacingHorizontalSNudge,
      bottom: 0,
      height: tokens.strokeWidthThick,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
  // The label in bold takes no more room than in regular weight, so selecting a tab never reflows the rows.
  // The label in bold, invisible and of no height, keeps the tab as wide as when selected: selecting a tab never
  // reflows the rows.
  content: {
    display: "inline-flex",
    flexDirection: "column",
    "::after": {
      ...typographyStyles.body1Strong,
      content: "attr(data-label)",
      height: 0,
      overflow: "hidden",
      visibility: "hidden",
    },
  },
});

const STEPS: Readonly<Record<string, (at: number, count: number) => number>> = {
  ArrowRight: (at, count) => (at + 1) % count,
  ArrowDown: (at, count) => (at + 1) % count,
  ArrowLeft: (at, count) => (at - 1 + count) % count,
  ArrowUp: (at, count) => (at - 1 + count) % count,
  Home: () => 0,
  End: (_, count) => count - 1,
};

/**
 * The pane's tabs (WAI-ARIA tab pattern, as Fluent's TabList): one tab stop, arrow keys, Home and End move the
 * focus, Enter, Space or a click select.
 */
export function PaneTabs<T extends string>(props: PaneTabsProps<T>): React.JSX.Element {
  const styles = useStyles();
  const refs = React.useRef<(HTMLButtonElement | null)[]>([]);
  const selectedAt = Math.max(
    0,
    props.tabs.findIndex((t) => t.value === props.selected),
  );
  const [focusAt, setFocusAt] = React.useState(selectedAt);
  React.useEffect(() => setFocusAt(selectedAt), [selectedAt]);
  const onKeyDown = (event: React.KeyboardEvent): void => {
    const step = STEPS[event.key];
    if (!step) return;
    event.preventDefault();
    const next = step(focusAt, props.tabs.length);
    setFocusAt(next);
    refs.current[next]?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label={props.label}
      aria-orientation="horizontal"
      className={mergeClasses(styles.list, props.className)}
      onKeyDown={onKeyDown}
    >
      {props.tabs.map((tab, i) => {
        const selected = tab.value === props.selected;
        return (
          <button
            key={tab.value}
            ref={(el) => void (refs.current[i] = el)}
            type="button"
            role="tab"
            id={tab.id}
            aria-selected={selected}
            tabIndex={i === focusAt ? 0 : -1}
            className={mergeClasses(styles.tab, selected && styles.selected)}
            onFocus={() => setFocusAt(i)}
            onClick={() => props.onSelect(tab.value)}
          >
            <span className={styles.content} data-label={tab.label}>
              {tab.label}
            </span>
          </button>
        );
      })}
    </div>
  );
}
