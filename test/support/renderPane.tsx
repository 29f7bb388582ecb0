import "./paneLayout";
import * as React from "react";
import { render, type RenderResult } from "@testing-library/react";
import { RendererProvider, createDOMRenderer } from "@fluentui/react-components";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import type { Lang } from "../../src/i18n/types";
import { App } from "../../src/taskpane/root/App";
import type { MemoryPort } from "./memoryPort";

/** Short debounce delays so component tests run fast while still exercising the debounce. */
export const TIMING = { readDelay: 20, writeDelay: 30 };

// jsdom computes styles by walking every stylesheet: without Griffel's CSS, role queries stay fast.
const renderer = createDOMRenderer(document, { unstable_filterCSSRule: () => false });

/** Renders a pane element with a user-event session. */
export function renderApp(app: React.ReactElement): { user: UserEvent } & RenderResult {
  const user = userEvent.setup();
  const view = render(
    <RendererProvider renderer={renderer} targetDocument={document}>
      {app}
    </RendererProvider>,
  );
  return { user, ...view };
}

/** Renders the whole pane in Office mode over a memory port. */
export const setup = (port: MemoryPort, lang: Lang = "zh", timing = TIMING): ReturnType<typeof renderApp> =>
  renderApp(<App lang={lang} mode="office" port={port} timing={timing} />);
