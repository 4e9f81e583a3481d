/**
 * The lab picker (F11 or `--pick`): every lab in each of its start states, narrowed by a filter field as
 * the user types; Up/Down choose, Enter loads the choice, Esc closes. Scenarios join the list when the
 * scenario library provides them (they are entries of the same shape).
 */
import React from 'react';
import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { BUILTIN_LABS } from '../lab/catalog.js';
import type { StartState } from '../lab/runtime-api.js';
import { cut } from './render-pane.js';
import { scenarioFiles } from '../scenario/catalog.js';
import { loadScenario } from '../scenario/load.js';

export interface PickerEntry {
  lab: string;
  start: StartState;
  label: string;
  description: string;
  /** Path of a scenario file, for scenario entries. */
  scenario?: string;
}

const STARTS: StartState[] = ['underlay', 'solved', 'blank'];

export function pickerEntries(): PickerEntry[] {
  const labs = BUILTIN_LABS.flatMap((l) =>
    STARTS.map((start) => ({ lab: l.name, start, label: `${l.name} --start ${start}`, description: l.description })),
  );
  const scenarios = scenarioFiles().flatMap((file): PickerEntry[] => {
    try {
      const s = loadScenario(file);
      return [{ lab: s.lab, start: s.start, label: `${s.id} (${s.kind})`, description: s.title, scenario: file }];
    } catch {
      return []; // a broken file is reported by `dmvpn-console list` and `check`, not here
    }
  });
  return [...labs, ...scenarios];
}

/** Entries whose label or description contains every word of the filter, case-insensitively. */
export function filterEntries(entries: PickerEntry[], filter: string): PickerEntry[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    const text = `${e.label} ${e.description}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export function Picker(props: {
  width: number;
  height: number;
  filter: string;
  selected: number;
  entries: PickerEntry[];
  onFilter: (text: string) => void;
  onSubmit: () => void;
}) {
  const { width, height, filter, selected, entries } = props;
  const listRows = Math.max(1, height - 5);
  const first = Math.max(0, Math.min(selected - listRows + 1, entries.length - listRows));
  return (
    <Box borderStyle="round" borderColor="cyan" flexDirection="column" width={width} height={height} paddingX={1}>
      <Text bold>Switch lab (Enter load, Up/Down choose, Esc close)</Text>
      <Box>
        <Text>Filter: </Text>
        <TextInput value={filter} onChange={props.onFilter} onSubmit={props.onSubmit} />
      </Box>
      {entries.length === 0 ? <Text dimColor>no lab matches</Text> : null}
      {entries.slice(first, first + listRows).map((e, k) => {
        const idx = first + k;
        const mark = idx === selected ? '▶ ' : '  ';
        return (
          <Text key={e.label} color={idx === selected ? 'cyan' : undefined}>
            {cut(`${mark}${e.label.padEnd(32)} ${e.description}`, width - 4)}
          </Text>
        );
      })}
    </Box>
  );
}
