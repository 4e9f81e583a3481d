/**
 * Where the console is: the current mode with its parents, each with its data (`interface:
 * Tunnel0`). Leaving configuration for EXEC is reported, as IOS logs `%SYS-5-CONFIG_I`.
 */

import type { ModeId } from '../grammar/types.js';
import type { ModeTable } from './modes.js';

interface Frame {
  mode: ModeId;
  data: Record<string, string>;
}

export type Family = 'exec' | 'config';

export class ModeStack {
  private frames: Frame[];

  constructor(
    private readonly modes: ModeTable,
    initial: ModeId,
    private readonly onChange: (left: { config: boolean; familyChanged: boolean }) => void,
  ) {
    this.frames = [];
    this.frames = this.framesFor(modes.get(initial) ? initial : 'user-exec', {});
  }

  get mode(): ModeId {
    return this.frames[this.frames.length - 1]!.mode;
  }

  get data(): Readonly<Record<string, string>> {
    return this.frames[this.frames.length - 1]!.data;
  }

  get family(): Family {
    return this.modes.isConfig(this.mode) ? 'config' : 'exec';
  }

  /** The stack for `mode`: its parents, keeping the data they already have. */
  private framesFor(mode: ModeId, data: Record<string, string>): Frame[] {
    return this.modes
      .chain(mode)
      .reverse()
      .map((m) => ({ mode: m, data: m === mode ? { ...data } : { ...(this.frames.find((f) => f.mode === m)?.data ?? {}) } }));
  }

  private set(frames: Frame[]): void {
    const wasConfig = this.modes.isConfig(this.mode);
    const family = this.family;
    this.frames = frames;
    const left = wasConfig && !this.modes.isConfig(this.mode);
    if (left || family !== this.family) this.onChange({ config: left, familyChanged: family !== this.family });
  }

  enter(mode: ModeId, data: Record<string, string>): void {
    if (!this.modes.get(mode)) throw new Error(`unknown mode '${mode}'`);
    this.set(this.framesFor(mode, data));
  }

  /** Go up to `mode`, keeping its data (a command found in a parent mode leaves the submode). */
  leaveTo(mode: ModeId): void {
    const ix = this.frames.findIndex((f) => f.mode === mode);
    this.set(ix >= 0 ? this.frames.slice(0, ix + 1) : this.framesFor(mode, {}));
  }

  /** `exit`: to the parent mode; returns false in EXEC, where `exit` ends the session instead. */
  exit(): boolean {
    const parent = this.modes.get(this.mode)?.parent;
    if (parent === undefined || !this.modes.isConfig(this.mode)) return false;
    this.leaveTo(parent);
    return true;
  }

  /** `end`, Ctrl-Z, Ctrl-C: from any configuration mode straight to privileged EXEC. */
  end(): void {
    if (this.modes.isConfig(this.mode)) this.set(this.framesFor('priv-exec', {}));
  }
}
