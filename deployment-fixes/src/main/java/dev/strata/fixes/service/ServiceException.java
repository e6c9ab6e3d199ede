package dev.strata.fixes.service;

/** A service action that failed; the message says which service, which action and why. */
public final class ServiceException extends Exception {
    public ServiceException(String message) {
        super(message);
    }
}
