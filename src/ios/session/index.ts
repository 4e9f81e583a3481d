/** IOS console sessions: `new ConsoleSession({...})` implements ConsoleSessionApi. */
export { ConsoleSession, CONFIG_EXIT_MESSAGE, type ConsoleClock, type ConsoleSessionOptions } from './session.js';
export { STANDARD_MODES, ModeTable } from './modes.js';
export { CONFIG_BANNER } from './builtins.js';
export { edit, emptyEdit, remember, type EditState, type EditAction } from './lineedit.js';
export { compileIosRegex } from './pipes.js';
