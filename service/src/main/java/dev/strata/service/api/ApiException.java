package dev.strata.service.api;

import org.springframework.http.HttpStatus;

/**
 * A client-visible failure with its problem type. Thrown anywhere below the controllers and turned
 * into an RFC 7807 body by {@link ProblemHandler} — the one place where errors are mapped.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final transient Object extension;
    private final Long retryAfterSeconds;

    public ApiException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, null, null);
    }

    public ApiException(HttpStatus status, String type, String title, String detail, Object extension, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extension = extension;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String type, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, type, "Bad request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Object extension() {
        return extension;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
