// The interactive API reference: Swagger UI (swagger-ui-dist) on the document, with "Authorize"
// on the OAuth2 client credentials flow and "Try it out" switched on.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The swagger-ui-dist files the page loads; nothing else of the package is served. */
export const docsAssets = [
  "swagger-ui.css",
  "swagger-ui-bundle.js",
  "swagger-ui-standalone-preset.js",
  "oauth2-redirect.html",
  "oauth2-redirect.js",
  "favicon-16x16.png",
  "favicon-32x32.png",
] as const;

/** Folder of the installed swagger-ui-dist (resolved without loading its 1.5 MB bundle into Node). */
export function swaggerUiFolder(): string {
  return dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
}

export function docsAssetPath(name: string): string | undefined {
  return (docsAssets as readonly string[]).includes(name) ? join(swaggerUiFolder(), name) : undefined;
}

export interface DocsPageOptions {
  title: string;
  /** URL of the document, relative to the page. */
  documentUrl: string;
  /** Pre-filled in the Authorize dialog (never the secret). */
  clientId?: string | undefined;
}

export function docsPage(options: DocsPageOptions): string {
  const config = {
    url: options.documentUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    persistAuthorization: false,
  };
  const oauth = { clientId: options.clientId ?? "", scopeSeparator: " " };
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(options.title)}</title>
  <link rel="stylesheet" href="./swagger-ui.css">
  <link rel="icon" type="image/png" href="./favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="./swagger-ui-bundle.js"></script>
  <script src="./swagger-ui-standalone-preset.js"></script>
  <script>
    const config = ${JSON.stringify(config)};
    window.ui = SwaggerUIBundle({
      ...config,
      oauth2RedirectUrl: new URL("./oauth2-redirect.html", window.location.href).href,
      presets: [SwaggerUIBundle.presets.apis],
      plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    });
    window.ui.initOAuth(${JSON.stringify(oauth)});
  </script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}
