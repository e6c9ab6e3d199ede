package dev.strata.service.flags;

import dev.strata.service.tenant.TenantPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Hides a switched-off feature's endpoints from a tenant. It throws the very exception Spring MVC
 * raises for a path nothing serves, so the answer (status, headers, problem body) is exactly the plain
 * key/value server's 404 and a client cannot tell a hidden feature from an absent one.
 */
class FeatureGateInterceptor implements HandlerInterceptor {

    private final FeatureFlags flags;

    FeatureGateInterceptor(FeatureFlags flags) {
        this.flags = flags;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        TenantPrincipal principal = TenantPrincipal.find(request).orElse(null);
        if (principal == null) {
            return true;
        }
        String path = routedPath(request);
        for (Feature feature : Feature.values()) {
            if (feature.gates(path) && !flags.isEnabled(principal.tenantId(), feature)) {
                // The resource handler names the path without its leading slash; do the same.
                throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), path.substring(1));
            }
        }
        return true;
    }

    /** The decoded, normalized path Spring MVC routes by (the same the auth filter judges). */
    private static String routedPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }
}
