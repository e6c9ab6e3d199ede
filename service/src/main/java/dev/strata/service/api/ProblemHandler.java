package dev.strata.service.api;

import dev.strata.service.tier.durable.DurableUnavailableException;
import dev.strata.service.tier.durable.TenantGoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become HTTP answers: RFC 7807 {@code application/problem+json},
 * never a stack trace. Spring MVC's own exceptions (wrong method, bad media type, …) keep their
 * status and get a Strata problem type.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail problem = Problems.of(e.status(), e.type(), e.title(), e.getMessage());
        if (e.extension() != null) {
            problem.setProperty("details", e.extension());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return response.body(problem);
    }

    @ExceptionHandler(DurableUnavailableException.class)
    ResponseEntity<ProblemDetail> durableUnavailable(DurableUnavailableException e) {
        log.warn("Durable tier unavailable: {}", e.getMessage());
        return unavailable("The write was not committed because PostgreSQL is unavailable; nothing was written. Retry later.");
    }

    /**
     * PostgreSQL unreachable on the paths that use it through Spring JDBC (semantic memory, feature
     * flags, the admin API): the same 503 as the key/value path's, not a 500. A failed transaction is
     * rolled back, so nothing was written.
     */
    @ExceptionHandler({org.springframework.dao.DataAccessResourceFailureException.class, org.springframework.dao.TransientDataAccessException.class,
        org.springframework.dao.RecoverableDataAccessException.class, org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> storeUnreachable(Exception e) {
        log.warn("PostgreSQL unavailable: {}", e.getMessage());
        return unavailable("PostgreSQL is unavailable, so the request could not be served; nothing was written. Retry later.");
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "durable-unavailable", "Durable tier unavailable", detail);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(TenantGoneException.class)
    ResponseEntity<ProblemDetail> tenantGone(TenantGoneException e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "The tenant of this API key no longer exists.");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The server failed to handle the request; it has been logged.");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            String type = switch (status.value()) {
                case 400 -> "bad-request";
                case 404 -> "not-found";
                case 405 -> "method-not-allowed";
                case 406 -> "not-acceptable";
                case 413 -> "payload-too-large";
                case 415 -> "unsupported-media-type";
                default -> "http-" + status.value();
            };
            problem.setType(java.net.URI.create(Problems.TYPE_BASE + type));
            if (problem.getDetail() == null) {
                problem.setDetail(HttpStatus.valueOf(status.value()).getReasonPhrase());
            }
        }
        HttpHeaders withType = new HttpHeaders();
        withType.putAll(headers);
        withType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, withType, status);
    }
}
