// Where each part of the console goes at a terminal size: one pure function, so a resize is just a re-run.
export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 24;
/** Columns from which the ticket, depth and chart stack on the left of full-height tables... */
export const WIDE_FROM = 140;
/** ...when there are rows enough for the three stacked (13 + 13 + a chart of 4, and the two bars). */
export const WIDE_MIN_HEIGHT = 32;

/** Rows of the ticket and of a five-level depth box. */
const BAND_ROWS = 13;
/** Rows the tables keep at the least when a ten-level depth box makes the top band taller. */
const MIN_PANEL_ROWS = 12;

export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface Layout {
  form: Rect;
  depth: Rect;
  chart: Rect;
  /** The bordered box holding the tab bar and tables. */
  panel: Rect;
  /** The ladder shows the depth itself: narrow layouts give its room to the ladder. */
  depthHidden?: boolean;
}

/**
 * The layout for a width x height terminal, or undefined below the minimum size. With the ladder (or chart) in view a
 * narrow terminal puts it at full height beside the ticket (and the chart under the ticket), since a ladder of
 * a few rows would show less than the depth it replaces. `depthRows` is what the depth box would like (more
 * for a ten-level book): it gets them where the terminal has rows to spare, never below the five levels' 13.
 */
export function computeLayout(
  width: number,
  height: number,
  ladder = false,
  depthRows = BAND_ROWS,
): Layout | undefined {
  if (width < MIN_WIDTH || height < MIN_HEIGHT) return undefined;
  const rect = (top: number, left: number, w: number, h: number): Rect => ({
    top,
    left,
    width: w,
    height: h,
  });
  // Row 0 is the status bar and the last row the key hints.
  if (width >= WIDE_FROM && height >= WIDE_MIN_HEIGHT) {
    const lw = 42;
    const dh = Math.max(BAND_ROWS, Math.min(depthRows, height - 2 - BAND_ROWS - 4));
    return {
      form: rect(1, 0, lw, BAND_ROWS),
      depth: rect(1 + BAND_ROWS, 0, lw, dh),
      chart: rect(1 + BAND_ROWS + dh, 0, lw, Math.max(4, height - 2 - BAND_ROWS - dh)),
      panel: rect(1, lw, width - lw, height - 2),
    };
  }
  if (ladder) {
    return {
      form: rect(1, 0, 32, 13),
      depth: rect(14, 0, 32, 0),
      chart: rect(14, 0, 32, height - 15),
      panel: rect(1, 32, width - 32, height - 2),
      depthHidden: true,
    };
  }
  const band = Math.max(BAND_ROWS, Math.min(depthRows, height - 2 - MIN_PANEL_ROWS));
  return {
    form: rect(1, 0, 32, BAND_ROWS),
    depth: rect(1, 32, 24, band),
    chart: rect(1, 56, width - 56, band),
    panel: rect(1 + band, 0, width, height - 2 - band),
  };
}
