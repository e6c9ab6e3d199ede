package dev.strata.fixes.service;

import dev.strata.fixes.system.ProcessInfo;
import java.util.Optional;

/**
 * Starts, reloads and restarts services. {@link SystemdServiceManager} on real hosts;
 * {@link ProcessServiceManager} where systemd is not PID 1 (containers, tests). There is no
 * {@code stop}: no repair needs to stop a service, and none may kill a process it cannot identify.
 */
public interface ServiceManager {

    enum State { ACTIVE, INACTIVE, FAILED, UNKNOWN }

    record Status(State state, Optional<ProcessInfo> mainProcess, String detail) {
        public boolean isActive() {
            return state == State.ACTIVE;
        }
    }

    Status status(String service);

    void start(String service) throws ServiceException;

    /** Ask the service to re-read its configuration without dropping connections (nginx: SIGHUP). */
    void reload(String service) throws ServiceException;

    void restart(String service) throws ServiceException;

    /** Make the manager re-read unit files after one changed. */
    default void reloadUnits() throws ServiceException {
    }
}
