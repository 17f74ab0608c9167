package io.confman.launcher.ctl;

/** A failure of a ctl command: one line for stderr and the exit code it ends with. */
final class CtlFailure extends RuntimeException {
    private final int exitCode;

    CtlFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
