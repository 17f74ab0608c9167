package io.confman.monitor.model;

import java.util.concurrent.Executor;

/**
 * The same-thread twin of the FX-thread executor: runs each task at once on the calling thread.
 * Tests hand it to the model and poller so that asynchronous hand-overs become deterministic.
 */
public final class DirectExecutor implements Executor {

    /** The one instance; it has no state. */
    public static final DirectExecutor INSTANCE = new DirectExecutor();

    private DirectExecutor() {
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }
}
