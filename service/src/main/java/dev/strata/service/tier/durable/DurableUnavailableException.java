package dev.strata.service.tier.durable;

/** PostgreSQL could not be reached or refused the write; the client gets 503 and nothing was written. */
public class DurableUnavailableException extends RuntimeException {

    public DurableUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
