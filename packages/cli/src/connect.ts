import { type CrmClient, createCrmClient, type LogLevel, type TokenRefreshEvent } from "@engagifii/crm-client";
import { type CliConfig, type GlobalFlags, resolveConfig } from "./config/resolve-config.js";
import { loadDocument, type OpenApiDocument } from "./document/load-document.js";
import { packagedDocumentPath } from "./document-path.js";
import { type EmbeddedMock, mockCredentials, startEmbeddedMock } from "./mock/embedded-mock.js";

/** What a command needs: the client, the settings it was made from, and the API's document. */
export interface Connection {
  crm: CrmClient;
  config: CliConfig;
  document: OpenApiDocument;
  /** Every token the client fetched, as the client reports them (never the token itself). */
  tokenEvents: TokenRefreshEvent[];
  /** Stops the embedded mock, if any. */
  close(): Promise<void>;
}

/** The document alone, for commands that do not call the API (`api --list`). */
export function documentFor(flags: GlobalFlags, env: Record<string, string | undefined>): OpenApiDocument {
  return loadDocument(explicitDocumentPath(flags, env) ?? packagedDocumentPath());
}

function explicitDocumentPath(flags: GlobalFlags, env: Record<string, string | undefined>): string | undefined {
  return flags.spec || env.ENGAGIFII_SPEC_FILE || undefined;
}

export async function connect(flags: GlobalFlags, env: Record<string, string | undefined>): Promise<Connection> {
  const document = documentFor(flags, env);
  const config = await resolveConfig(flags, env);
  let mock: EmbeddedMock | undefined;
  if (flags.mock) {
    mock = await startEmbeddedMock(document, explicitDocumentPath(flags, env));
    Object.assign(config, mockCredentials, {
      baseUrl: mock.url,
      tokenUrl: mock.tokenUrl,
      scope: undefined,
      sources: {},
    });
  }
  const tokenEvents: TokenRefreshEvent[] = [];
  try {
    const crm = createCrmClient({
      ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
      ...(config.tokenUrl ? { tokenUrl: config.tokenUrl } : {}),
      ...(config.tenantCode ? { tenantCode: config.tenantCode } : {}),
      ...(config.clientId ? { clientId: config.clientId } : {}),
      ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
      ...(config.scope ? { scope: config.scope } : {}),
      rateLimit: config.rateLimit,
      logLevel: (env.ENGAGIFII_LOG as LogLevel | undefined) || "warn",
      // The settings were resolved above (flags, environment, profile); the client must not read them again.
      env: {},
      hooks: { onTokenRefresh: (event) => tokenEvents.push(event) },
    });
    return { crm, config, document, tokenEvents, close: async () => mock?.stop() };
  } catch (error) {
    await mock?.stop();
    throw error;
  }
}
