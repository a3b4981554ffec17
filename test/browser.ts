// Debian's chromium for the browser tests (never a downloaded one), launched the same way
// everywhere: no sandbox (CI runs as root), nothing of its own reaching the network.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
