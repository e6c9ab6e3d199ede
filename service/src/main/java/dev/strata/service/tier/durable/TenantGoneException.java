package dev.strata.service.tier.durable;

/** A write named a tenant that no longer exists (deleted while its key was still cached). */
public class TenantGoneException extends RuntimeException {

    public TenantGoneException(String tenant) {
        super("tenant " + tenant + " no longer exists");
    }
}
