package dev.strata.fixes.repair;

/** A repair step that failed; the message is shown to the operator as is (it must hold no secret). */
public final class RepairException extends Exception {
    public RepairException(String message) {
        super(message);
    }
}
