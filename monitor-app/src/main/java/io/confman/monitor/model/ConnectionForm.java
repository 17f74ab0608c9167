package io.confman.monitor.model;

import io.confman.monitor.logic.MonitorSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The editable connection settings (node URLs, API key, poll interval) behind the connection
 * bar. The view binds its fields bidirectionally to these properties; {@link #submit} validates
 * them and reconnects the session, or shows why it cannot. FX thread only.
 */
public final class ConnectionForm {

    private final MonitorSession session;
    private final StringProperty nodesText = new SimpleStringProperty("");
    private final StringProperty apiKey = new SimpleStringProperty("");
    private final StringProperty intervalText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ConnectionForm(MonitorSession session) {
        this.session = session;
    }

    /** Fills the fields from settings (e.g. those given at start-up). */
    public void load(MonitorSettings settings) {
        nodesText.set(settings.nodes().stream().map(URI::toString).collect(Collectors.joining(", ")));
        apiKey.set(settings.apiKey());
        intervalText.set(settings.pollInterval().toMillis() + "ms");
    }

    /** Validates the fields and reconnects; on bad input only {@link #errorProperty()} changes. */
    public void submit() {
        MonitorSettings base = session.settings() != null ? session.settings() : MonitorSettings.defaults();
        try {
            List<URI> nodes = MonitorSettings.parseNodes(nodesText.get());
            Duration interval = MonitorSettings.parseDuration(intervalText.get());
            MonitorSettings next = base.with(nodes, apiKey.get(), interval);
            error.set("");
            session.connect(next);
            session.refreshBrowser();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    /** Node URLs separated by commas or spaces. */
    public StringProperty nodesTextProperty() {
        return nodesText;
    }

    /** The {@code X-Api-Key} for the browser; empty for none. */
    public StringProperty apiKeyProperty() {
        return apiKey;
    }

    /** Poll interval such as {@code 1s} or {@code 500ms}. */
    public StringProperty intervalTextProperty() {
        return intervalText;
    }

    /** Why the last submit was refused, empty when it was accepted. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
