/**
 * Runs before React and Ink are imported (they read these once, at import time): ship React's
 * production build, and on a real terminal stop Ink from treating `CI=true` as "not interactive"
 * (it would then print nothing until exit).
 */
process.env.NODE_ENV ??= 'production';
if (process.stdout.isTTY) {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}
export {};
