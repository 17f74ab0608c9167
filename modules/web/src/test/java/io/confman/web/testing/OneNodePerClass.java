package io.confman.web.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared node of the web API suites: each test class that extends this gets its own {@link
 * InMemoryNode}, started before its first test and closed after its last. Tests share the node, so
 * each uses its own namespaces. {@code leader} names the node as the launcher's suites name the
 * node they talk to: the in-memory node leads its group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OneNodePerClass {
    protected static final String ADMIN = InMemoryNode.ADMIN_KEY;

    protected InMemoryNode leader;
    protected ApiClient api;

    @BeforeAll
    void startSharedNode() {
        leader = startNode();
        api = new ApiClient();
    }

    /** Starts the class's node; a class overrides this to start it with other settings. */
    protected InMemoryNode startNode() {
        return InMemoryNode.start();
    }

    @AfterAll
    void stopNode() {
        if (leader != null) {
            leader.close();
        }
    }
}
