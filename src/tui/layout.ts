/**
 * Where panes go: side by side when every pane gets at least MIN_SIDE_WIDTH columns, stacked
 * otherwise; one pane fills the area when zoomed. The whole layout stays one row short of the
 * terminal (Ink clears the screen every frame when its output reaches the last row, which flickers).
 */
export const MIN_SIDE_WIDTH = 50;
export const PACKET_PANE_HEIGHT = 8;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  direction: 'row' | 'column';
  panes: Rect[];
  packets: Rect | undefined;
  /** Row of the status bar. */
  statusY: number;
}

export function computeLayout(cols: number, rows: number, paneCount: number, zoomed: number | undefined, packets: boolean): Layout {
  const usableRows = Math.max(4, rows - 2); // status bar + one spare row
  const packetRows = packets ? Math.min(PACKET_PANE_HEIGHT, Math.floor(usableRows / 3)) : 0;
  const areaRows = usableRows - packetRows;
  const shown = zoomed !== undefined ? 1 : Math.max(1, paneCount);
  const direction: 'row' | 'column' = zoomed !== undefined || cols >= MIN_SIDE_WIDTH * shown ? 'row' : 'column';
  const panes: Rect[] = [];
  for (let k = 0; k < shown; k++) {
    if (direction === 'row') {
      const w = Math.floor(cols / shown);
      const width = k === shown - 1 ? cols - w * (shown - 1) : w;
      panes.push({ x: k * w, y: 0, width, height: areaRows });
    } else {
      const h = Math.floor(areaRows / shown);
      const height = k === shown - 1 ? areaRows - h * (shown - 1) : h;
      panes.push({ x: 0, y: k * h, width: cols, height });
    }
  }
  return {
    direction,
    panes,
    packets: packets ? { x: 0, y: areaRows, width: cols, height: packetRows } : undefined,
    statusY: usableRows,
  };
}
