/** The IOS command-line grammar: syntax strings, the registry, matching, `?` and Tab. */
export type * from './types.js';
export { CommandRegistry, isExecMode, EXEC_MODES, type ModeEntry, type Variant, type CompiledCommand } from './registry.js';
export { parseSyntax, SyntaxError, type SyntaxNode, type Token } from './syntax.js';
export { matchLine, splitWords, isIpv4, type MatchResult } from './match.js';
export { help, complete, type HelpResult, type HelpItem, type Completion } from './assist.js';
export { formatLongHelp, formatShortHelp, invalidInput, incomplete, ambiguous, INVALID_INPUT, INCOMPLETE, UNRECOGNIZED } from './render.js';
export { DEFAULT_INTERFACE_TYPES, readInterfaceWord } from './ifname.js';
export { MatchedArgs } from './args.js';
export { lintMode, type LintProblem } from './lint.js';
