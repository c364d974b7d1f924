import { type Policy, withHeaders } from "./pipeline.js";
import { tenantHeader } from "./tenant-header.js";

/**
 * Sends the call's tenant as `tenant-code`: the one the request chose (`tenantCode` option),
 * else the client's (`withTenant` makes a client for another). A `tenant-code` header the
 * request carries itself (a header parameter of the document, say) never overrides it.
 */
export function tenantPolicy(clientTenant: string): Policy {
  return (request, next) => {
    const tenantCode = request.settings.tenantCode ?? clientTenant;
    request.trace.tenantCode = tenantCode;
    if (request.headers.get(tenantHeader) === tenantCode) return next(request);
    return next(withHeaders(request, (headers) => headers.set(tenantHeader, tenantCode)));
  };
}
