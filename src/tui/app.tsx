/**
 * The split-pane TUI: one pane per console, a status bar, an optional packet-flow pane and a help
 * overlay. Keys are read raw from stdin by one stable handler (focus lives in a ref, so a key typed right
 * after a focus change can never reach the old pane); panes redraw from their buffers on a 66 ms tick.
 */
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text, render, useApp, useStdin, useStdout } from 'ink';
import chalk from 'chalk';
import type { LabRuntime, PacketEvent } from '../lab/runtime-api.js';
import { iosShowClock, iosLogTimestamp } from '../router/timestamp.js';
import { PaneBuffer } from './pane-buffer.js';
import { computeLayout } from './layout.js';
import { renderPaneBody, cut } from './render-pane.js';
import { splitKeys, KEY_HELP, PLAYER_KEY_HELP, PRACTICE_KEY_HELP } from './keys.js';
import type { ScenarioPlayer } from '../scenario/player.js';
import { RealtimeDriver } from './realtime-driver.js';
import { Picker, filterEntries, pickerEntries, type PickerEntry } from './picker.js';

export interface TuiOptions {
  speed: number;
  labName: string;
  pick?: boolean;
  start?: string;
  seed?: number;
  /** A scenario being played (`dmvpn-console play FILE`): its narration line shows above the status bar. */
  player?: ScenarioPlayer;
  /** Graded practice (`dmvpn-console lab FILE`): the task, grading on a key, hints, a countdown. */
  practice?: Practice;
}

export interface Practice {
  title: string;
  description: string;
  hints: readonly string[];
  /** Grade the lab as it is now: the report lines. */
  grade(): string[];
  /** Exam countdown in real milliseconds; at zero the lab is graded and the report shown. */
  timeLimitMs?: number;
}

type Overlay = { kind: 'task' } | { kind: 'report'; lines: string[] } | { kind: 'hint'; index: number };

function mmss(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const FLUSH_MS = 66;
const PACKET_HISTORY = 200;
/** The lab's main consoles get panes; the rest (the ISP) is reachable with F4 / Alt-4. */
const MAIN_PANES = 3;

/** Keys the picker handles itself; everything else typed while it is open goes to its filter field. */
const PICKER_KEYS = { up: '\x1b[A', down: '\x1b[B', escape: '\x1b' };

function App({ lab, driver, options, onSwitch }: { lab: LabRuntime; driver: RealtimeDriver; options: TuiOptions; onSwitch: (e: PickerEntry) => void }) {
  const { exit } = useApp();
  const { stdin, setRawMode, internal_eventEmitter: events } = useStdin() as ReturnType<typeof useStdin> & { internal_eventEmitter: NodeJS.EventEmitter };
  const { stdout } = useStdout();
  const [size, setSize] = useState({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const [, setTick] = useState(0);
  const [ready, setReady] = useState(false);
  const buffers = useRef(lab.consoles().map((c) => new PaneBuffer(c))).current;
  const focus = useRef(0);
  const view = useRef({ zoomed: false, packets: false, help: false, extra: MAIN_PANES });
  const overlay = useRef<Overlay | undefined>(options.practice ? { kind: 'task' } : undefined);
  const startedAt = useRef(performance.now()).current;
  const timeUp = useRef(false);
  // Built once (it reads the scenario files), not on every render.
  const [allEntries] = useState(pickerEntries);
  const picker = useRef({ open: options.pick === true, filter: '', selected: 0 });
  const shown = () => filterEntries(allEntries, picker.current.filter);
  const choose = () => {
    const e = shown()[picker.current.selected];
    if (!e) return;
    onSwitch(e);
    exit();
  };
  const packets = useRef<PacketEvent[]>([]);

  useEffect(() => lab.onPacket((p) => {
    packets.current.push(p);
    if (packets.current.length > PACKET_HISTORY) packets.current.shift();
  }), [lab]);

  useEffect(() => {
    const onResize = () => setSize({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);

  useEffect(() => {
    setRawMode(true);
    const onInput = (data: string | Buffer) => {
      const chunk = typeof data === 'string' ? data : data.toString('utf8');
      for (const key of splitKeys(chunk)) {
        const v = view.current;
        const p = picker.current;
        if (p.open && key.kind === 'console') {
          // Typing belongs to the filter field (ink-text-input reads it); only navigation is ours.
          const n = shown().length;
          if (key.bytes === PICKER_KEYS.escape) p.open = false;
          else if (key.bytes === PICKER_KEYS.up) p.selected = Math.max(0, p.selected - 1);
          else if (key.bytes === PICKER_KEYS.down) p.selected = Math.min(Math.max(0, n - 1), p.selected + 1);
          continue;
        }
        switch (key.kind) {
          case 'picker':
            p.open = !p.open;
            p.selected = 0;
            break;
          case 'focus':
            if (key.index < buffers.length) {
              focus.current = key.index;
              if (key.index >= MAIN_PANES) v.extra = key.index;
            }
            break;
          case 'zoom':
            v.zoomed = !v.zoomed;
            break;
          case 'pause':
            driver.togglePause();
            if (options.player) options.player.paused = driver.paused;
            break;
          case 'step':
            if (options.player) options.player.stepNow();
            else driver.step();
            break;
          case 'run-to-end':
            options.player?.runToEnd();
            break;
          case 'speed':
            driver.nextSpeed();
            break;
          case 'packets':
            v.packets = !v.packets;
            break;
          case 'help':
            v.help = !v.help;
            break;
          case 'task':
            if (options.practice) overlay.current = overlay.current?.kind === 'task' ? undefined : { kind: 'task' };
            break;
          case 'grade':
            if (options.practice) overlay.current = { kind: 'report', lines: options.practice.grade() };
            break;
          case 'hint': {
            const hints = options.practice?.hints ?? [];
            const before = overlay.current?.kind === 'hint' ? overlay.current.index : -1;
            overlay.current = { kind: 'hint', index: Math.min(before + 1, Math.max(0, hints.length - 1)) };
            break;
          }
          case 'quit':
            exit();
            return;
          case 'scroll':
            buffers[focus.current]!.scrollBy(-key.lines, 10);
            break;
          case 'console': {
            const b = buffers[focus.current]!;
            b.toLive();
            v.help = false;
            overlay.current = undefined;
            b.session.input(key.bytes);
            break;
          }
        }
      }
      setTick((t) => t + 1);
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
      setRawMode(false);
    };
  }, [stdin, events, setRawMode, buffers, driver, exit, allEntries, options.player]);

  // Declared after the raw-mode effect: prompts appear only once keys can no longer hit a cooked tty.
  useEffect(() => setReady(true), []);

  useEffect(() => {
    let last = performance.now();
    let following: string | undefined;
    const t = setInterval(() => {
      const player = options.player;
      if (player) {
        const now = performance.now();
        player.advance(now - last);
        last = now;
        // Focus follows the console the scenario types into, so its output is in the focused pane.
        const on = player.currentConsole();
        if (on && on !== following) {
          const idx = buffers.findIndex((b) => b.session.name === on);
          if (idx >= 0) {
            focus.current = idx;
            if (idx >= MAIN_PANES) view.current.extra = idx;
          }
        }
        following = on;
      }
      const limit = options.practice?.timeLimitMs;
      if (limit !== undefined && !timeUp.current && performance.now() - startedAt >= limit) {
        // Time is up, as in the exam: grade what is there.
        timeUp.current = true;
        overlay.current = { kind: 'report', lines: ['Time is up.', ...options.practice!.grade()] };
      }
      setTick((n) => n + 1);
    }, FLUSH_MS);
    return () => clearInterval(t);
  }, [options.player, options.practice, buffers, startedAt]);

  const v = view.current;
  const visibleIdx = v.zoomed
    ? [focus.current]
    : [...Array.from({ length: Math.min(MAIN_PANES, buffers.length) }, (_, k) => k), ...(focus.current >= MAIN_PANES ? [focus.current] : [])];
  const narration = options.player ? options.player.narration() : undefined;
  const layout = computeLayout(size.cols, size.rows - (narration !== undefined ? 1 : 0), visibleIdx.length, v.zoomed ? 0 : undefined, v.packets);
  const status = [
    ` ${options.labName}${options.start ? ` (${options.start})` : ''}`,
    iosShowClock(lab.scheduler.now()),
    `x${driver.speed}`,
    driver.paused ? 'PAUSED' : 'running',
    ...(options.practice?.timeLimitMs !== undefined ? [`left ${mmss(options.practice.timeLimitMs - (performance.now() - startedAt))}`] : []),
    options.player
      ? 'F1-F3 focus  F6 pause  F7 next step  Shift-F7 to end  F8 speed  F12 help  F10 quit'
      : options.practice
        ? 'F1-F3 focus  Shift-F1 task  Shift-F2 grade  Shift-F3 hint  F12 help  F10 quit'
        : 'F1-F3 focus  F5 zoom  F6 pause  F7 step  F8 speed  F9 packets  F11 labs  F12 help  F10 quit',
  ].join(' │ ');

  return (
    <Box flexDirection="column" width={size.cols} height={size.rows - 1}>
      {picker.current.open ? (
        <Picker
          width={size.cols}
          height={layout.statusY}
          filter={picker.current.filter}
          selected={picker.current.selected}
          entries={shown()}
          onFilter={(text) => {
            picker.current.filter = text;
            picker.current.selected = 0;
            setTick((t) => t + 1);
          }}
          onSubmit={choose}
        />
      ) : overlay.current && options.practice && ready ? (
        <Box borderStyle="round" flexDirection="column" width={size.cols} height={layout.statusY} paddingX={1}>
          <Text bold>{cut(overlayTitle(overlay.current, options.practice), size.cols - 4)}</Text>
          {overlayLines(overlay.current, options.practice)
            .flatMap((l) => wrapText(l, size.cols - 4))
            .slice(0, Math.max(1, layout.statusY - 4))
            .map((l, i) => (
              <Text key={i}>{l}</Text>
            ))}
          <Text dimColor>{cut('Type into a console to close; Shift-F1 task, Shift-F2 grade, Shift-F3 hint.', size.cols - 4)}</Text>
        </Box>
      ) : v.help ? (
        <Box borderStyle="round" flexDirection="column" width={size.cols} height={layout.statusY} paddingX={1}>
          <Text bold>dmvpn-console keys</Text>
          {[...(options.player ? PLAYER_KEY_HELP : []), ...(options.practice ? PRACTICE_KEY_HELP : []), ...KEY_HELP].map(([k, d], i) => (
            <Text key={i}>{cut(`${k.padEnd(38)} ${d}`, size.cols - 4)}</Text>
          ))}
        </Box>
      ) : (
        <Box flexDirection={layout.direction} height={layout.panes.reduce((h, p) => (layout.direction === 'row' ? p.height : h + p.height), 0)}>
          {layout.panes.map((rect, k) => {
            const idx = visibleIdx[k]!;
            const b = buffers[idx]!;
            const focused = idx === focus.current;
            const inner = Math.max(1, rect.width - 2);
            const rows = Math.max(1, rect.height - 2);
            const title = `${focused ? '▶ ' : ''}${b.session.name}${b.scroll > 0 ? ` (scrolled ${b.scroll})` : ''}`;
            return (
              <Box key={b.session.name} borderStyle="round" borderColor={focused ? 'green' : 'gray'} width={rect.width} height={rect.height} flexDirection="column">
                <Text bold color={focused ? 'green' : undefined}>{cut(title, inner)}</Text>
                <Text wrap="truncate">{ready ? renderPaneBody(b.window(rows - 1), b.input(), inner, rows - 1, focused, b.scroll > 0) : ''}</Text>
              </Box>
            );
          })}
        </Box>
      )}
      {layout.packets ? (
        <Box borderStyle="single" width={size.cols} height={layout.packets.height} flexDirection="column">
          <Text wrap="truncate">
            {packets.current
              .slice(-(layout.packets.height - 2))
              .map((p) => cut(`${iosLogTimestamp(p.time)}  ${p.src.padEnd(15)} → ${p.dst.padEnd(15)} ${p.summary}`, size.cols - 2))
              .join('\n')}
          </Text>
        </Box>
      ) : null}
      {narration !== undefined ? <Text>{chalk.bold(cut(` ${narration}`, size.cols))}</Text> : null}
      <Text>{chalk.inverse(cut(status.padEnd(size.cols), size.cols))}</Text>
    </Box>
  );
}

function overlayTitle(o: Overlay, p: Practice): string {
  if (o.kind === 'task') return p.title;
  if (o.kind === 'report') return 'Grade';
  return `Hint ${o.index + 1} of ${p.hints.length}`;
}

function overlayLines(o: Overlay, p: Practice): string[] {
  if (o.kind === 'task') return p.description.split('\n');
  if (o.kind === 'report') return o.lines;
  return [p.hints[o.index] ?? 'This lab has no hints.'];
}

/** Break a long line at spaces to fit `width` columns. */
function wrapText(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const at = rest.lastIndexOf(' ', width);
    const cutAt = at > width / 3 ? at : width;
    out.push(rest.slice(0, cutAt));
    rest = rest.slice(cutAt).replace(/^ /, '');
  }
  out.push(rest);
  return out;
}

/**
 * Run the TUI on a lab until the user quits. Choosing a lab in the picker ends the current app and
 * starts a fresh one on the new lab, so no console, timer or buffer of the old lab survives the switch.
 */
/** What the picker's choice loads: a lab, with a player or a practice when the choice is a scenario. */
export interface LoadedEntry {
  lab: LabRuntime;
  labName: string;
  player?: ScenarioPlayer;
  practice?: Practice;
}

export async function runTui(first: LabRuntime, options: TuiOptions, load: (e: PickerEntry) => LoadedEntry): Promise<void> {
  let lab = first;
  let opts = options;
  process.stdout.write('\x1b[?1049h'); // alternate screen, restored on exit
  try {
    for (;;) {
      const driver = new RealtimeDriver(lab.scheduler, opts.speed);
      let next: PickerEntry | undefined;
      driver.start();
      const instance = render(<App lab={lab} driver={driver} options={opts} onSwitch={(e) => (next = e)} />, {
        exitOnCtrlC: false,
        maxFps: 60,
      } as Parameters<typeof render>[1]);
      try {
        await instance.waitUntilExit();
      } finally {
        driver.stop();
      }
      const chosen = next as PickerEntry | undefined;
      if (!chosen) break;
      const loaded = load(chosen);
      lab = loaded.lab;
      opts = { ...opts, labName: loaded.labName, start: chosen.start, pick: false, player: loaded.player, practice: loaded.practice };
    }
  } finally {
    process.stdout.write('\x1b[?1049l');
  }
}
