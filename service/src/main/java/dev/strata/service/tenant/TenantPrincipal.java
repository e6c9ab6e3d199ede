package dev.strata.service.tenant;

import jakarta.servlet.http.HttpServletRequest;

/** The authenticated caller of a tenant request; set by {@link AuthFilter}, read by controllers. */
public record TenantPrincipal(String tenantId, int rateLimitPerSecond) {

    static final String ATTRIBUTE = TenantPrincipal.class.getName();

    /** The tenant of the current request; the filter guarantees it is present on tenant routes. */
    public static TenantPrincipal of(HttpServletRequest request) {
        Object principal = request.getAttribute(ATTRIBUTE);
        if (principal instanceof TenantPrincipal tenantPrincipal) {
            return tenantPrincipal;
        }
        throw new IllegalStateException("no tenant on this request; is the route covered by AuthFilter?");
    }

    /** The tenant of the current request, if it is a tenant request (admin requests have none). */
    public static java.util.Optional<TenantPrincipal> find(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof TenantPrincipal principal
                ? java.util.Optional.of(principal) : java.util.Optional.empty();
    }
}
