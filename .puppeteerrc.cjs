/**
 * Puppeteer drives the system's Chromium (Debian's `chromium` package), so a
 * plain `npm install` never downloads a browser of its own.
 * @type {import("puppeteer").Configuration}
 */
module.exports = {
  skipDownload: true,
};
