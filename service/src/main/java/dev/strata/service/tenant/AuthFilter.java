package dev.strata.service.tenant;

import dev.strata.service.api.ApiException;
import dev.strata.service.api.ProblemWriter;
import dev.strata.service.observability.StrataMetrics;
import dev.strata.service.tier.durable.DurableUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /v1} request: the admin token for {@code /v1/admin/**}, a tenant API
 * key for everything else, then applies the tenant's rate limit. Nothing under {@code /v1} is
 * reachable without one of the two.
 */
@Component
@Order(2)
public class AuthFilter extends OncePerRequestFilter {

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final AdminProperties admin;
    private final ProblemWriter problems;
    private final Counter rateLimited;

    public AuthFilter(Authenticator authenticator, RateLimiter rateLimiter, AdminProperties admin, ProblemWriter problems,
                      MeterRegistry registry) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.admin = admin;
        this.problems = problems;
        this.rateLimited = Counter.builder(StrataMetrics.RATE_LIMITED).description("Requests answered 429").register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = routedPath(request);
        return !(path.startsWith("/v1/") || request.getRequestURI().startsWith("/v1/")) || path.equals("/v1/openapi.json");
    }

    /**
     * The path as Spring MVC routes it: percent-decoded, normalized and without {@code ;parameters}.
     * Judging by the raw request URI alone let a tenant key reach the admin API as
     * {@code /v1/%61dmin/tenants} or {@code /v1/admin;x/tenants}, and {@code /v1;x/admin/tenants}
     * skip authentication entirely (regression: BadInputBatteryTest, TenantAdminBoundaryTest).
     */
    static String routedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? servletPath : servletPath + pathInfo;
    }

    /** Admin when either form of the path says so: failing closed costs only a 401 on a nonsense URL. */
    private static boolean isAdminRequest(HttpServletRequest request) {
        String path = routedPath(request);
        String raw = request.getRequestURI();
        return path.startsWith("/v1/admin/") || path.equals("/v1/admin") || raw.startsWith("/v1/admin");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            String token = bearerToken(request);
            if (isAdminRequest(request)) {
                checkAdmin(token);
            } else {
                TenantPrincipal principal = authenticator.authenticate(token)
                        .orElseThrow(() -> unauthorized("The API key is not valid (unknown or revoked)."));
                long waitSeconds = rateLimiter.acquire(principal);
                if (waitSeconds > 0) {
                    rateLimited.increment();
                    throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                            "Tenant " + principal.tenantId() + " exceeded " + principal.rateLimitPerSecond() + " requests per second.",
                            null, waitSeconds);
                }
                request.setAttribute(TenantPrincipal.ATTRIBUTE, principal);
            }
        } catch (ApiException e) {
            if (e.status() == HttpStatus.UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"strata\"");
            }
            problems.write(response, e);
            return;
        } catch (DurableUnavailableException e) {
            // Exceptions thrown in a filter bypass ProblemHandler and would surface as a 500.
            problems.write(response, new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "durable-unavailable", "Durable tier unavailable",
                    "The API key could not be verified because PostgreSQL is unavailable. Retry later.", null, 1L));
            return;
        }
        chain.doFilter(request, response);
    }

    private void checkAdmin(String token) {
        if (!admin.enabled()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "admin-disabled", "Admin API disabled",
                    "The admin API is disabled: set STRATA_ADMIN_TOKEN on the server to enable it.");
        }
        if (!ApiKeys.sameSecret(token, admin.token())) {
            throw unauthorized("The admin token is not valid.");
        }
    }

    private static String bearerToken(HttpServletRequest request) {
        String header = Optional.ofNullable(request.getHeader("Authorization")).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw unauthorized("Send the API key as 'Authorization: Bearer <key>'.");
        }
        return header.substring(7).trim();
    }

    private static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }
}
