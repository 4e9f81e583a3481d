// The bin entry. It must stay free of JSX and of Ink imports: tty-env sets NODE_ENV and clears CI
// before React/Ink are loaded (they read both once, at import time).
import './tui/tty-env.js';

const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
