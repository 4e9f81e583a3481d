// Entry point placeholder replaced by the real CLI once src/main.ts lands.
export {};
