package dev.strata.fixes.repair;

import dev.strata.fixes.service.ServiceException;
import dev.strata.fixes.service.ServiceManager;
import java.time.Duration;

/** Starts a stopped service: no files change, so there is nothing to back up or roll back. */
public final class StartService implements Repair {

    /** A check that must pass before starting (e.g. nginx -t), so a start cannot fail for a known reason. */
    @FunctionalInterface
    public interface Precondition {
        void check() throws RepairException;
    }

    private final ServiceManager services;
    private final String service;
    private final Precondition precondition;
    private final Duration verifyTimeout;

    public StartService(ServiceManager services, String service, Precondition precondition, Duration verifyTimeout) {
        this.services = services;
        this.service = service;
        this.precondition = precondition;
        this.verifyTimeout = verifyTimeout;
    }

    @Override
    public String description() {
        return "start service " + service + " (start, not restart: nothing is running to disrupt)";
    }

    @Override
    public void validate() throws RepairException {
        precondition.check();
    }

    @Override
    public void apply() throws RepairException {
        try {
            services.start(service);
        } catch (ServiceException e) {
            throw new RepairException(e.getMessage());
        }
    }

    @Override
    public Duration verifyTimeout() {
        return verifyTimeout;
    }
}
