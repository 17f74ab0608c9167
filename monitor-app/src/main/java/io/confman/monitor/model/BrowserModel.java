package io.confman.monitor.model;

import io.confman.monitor.client.AuditEvent;
import io.confman.monitor.client.ClientException;
import io.confman.monitor.client.ConfigClient;
import io.confman.monitor.client.ConfigEntry;
import io.confman.monitor.client.NamespaceInfo;
import io.confman.monitor.client.NamespaceWatch;
import io.confman.monitor.client.WatchEvent;
import java.net.URI;
import io.confman.monitor.logic.Formats;
import io.confman.monitor.logic.ValuePreview;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The browser: namespaces → entries → one entry's value, and the namespace's audit trail. With a
 * {@link WatchSource}, the selected namespace's entries follow its watch stream: each reported
 * change is read ({@code GET} of that one entry, one read per key at a time) and merged by
 * revision ({@link LiveEntries}); the listing is read again whenever the stream starts afresh.
 *
 * <p>Thread contract: public methods and all properties belong to the FX thread. Each action runs
 * its HTTP call on {@code background} and posts the result through {@code uiExecutor}; answers
 * that arrive after the user moved on (another namespace or entry) are dropped.
 */
public final class BrowserModel {

    /** Audit events fetched by default; the node clamps to 1..1000. */
    public static final int DEFAULT_AUDIT_LIMIT = 50;

    private final Executor background;
    private final Executor uiExecutor;
    private final ObservableList<NamespaceInfo> namespaces = FXCollections.observableArrayList();
    private final ObservableList<ConfigEntry> entries = FXCollections.observableArrayList();
    private final FilteredList<ConfigEntry> visibleEntries = new FilteredList<>(entries);
    private final StringProperty keySearch = new SimpleStringProperty("");
    private final ObservableList<AuditEvent> audit = FXCollections.observableArrayList();
    private final IntegerProperty auditLimit = new SimpleIntegerProperty(DEFAULT_AUDIT_LIMIT);
    private final ReadOnlyStringWrapper namespace = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper entryTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper valuePreview = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper blobDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper blobBacked = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final LiveEntries live = new LiveEntries(entries);
    private ConfigClient client;
    private WatchSource watches;
    private NamespaceWatch watch;
    private ConfigEntry selected;
    private final ChangedEntryReader changedReader;


    public BrowserModel(Executor background, Executor uiExecutor) {
        this.background = background;
        this.uiExecutor = uiExecutor;
        this.changedReader = new ChangedEntryReader(background, uiExecutor);
        keySearch.addListener((obs, old, now) -> visibleEntries.setPredicate(keyContains(now)));
    }

    /** Keys containing {@code text}, ignoring case; every key for blank text. */
    private static Predicate<ConfigEntry> keyContains(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return entry -> entry.key().toLowerCase(Locale.ROOT).contains(wanted);
    }

    /** Uses a new client (new node or key), without live updates; see {@link #use(ConfigClient, WatchSource)}. */
    public void use(ConfigClient newClient) {
        use(newClient, null);
    }

    /**
     * Uses a new client (new node or key) and, unless null, a source of watch streams for live
     * updates; the old client and stream are closed. Clears what was shown.
     */
    public void use(ConfigClient newClient, WatchSource newWatches) {
        if (client != null) {
            client.close();
        }
        stopWatch();
        client = newClient;
        watches = newWatches;
        namespaces.clear();
        live.clear();
        audit.clear();
        namespace.set("");
        clearEntry();
        message.set("Reading from " + newClient.node());
    }

    /** Reloads the namespace list. */
    public void refresh() {
        ConfigClient reader = client;
        if (reader == null) {
            return;
        }
        message.set("Loading namespaces…");
        call(reader::namespaces, list -> {
            namespaces.setAll(list);
            message.set(list.size() + " namespaces from " + reader.node());
        }, () -> client == reader);
    }

    /** Shows a namespace's entries and audit trail. */
    public void selectNamespace(String name) {
        ConfigClient reader = client;
        if (reader == null || name == null) {
            return;
        }
        namespace.set(name);
        stopWatch();
        live.clear();
        audit.clear();
        clearEntry();
        int limit = auditLimit.get();
        loadEntries(reader, name);
        reloadAudit(reader, name, limit);
        if (watches != null) {
            watch = watches.open(name, reader.node(), new WatchHandOver(name));
        }
    }

    private void loadEntries(ConfigClient reader, String name) {
        call(() -> reader.entries(name), list -> {
            live.listed(list);
            message.set(list.size() + " entries in " + name + (watch == null ? "" : " · live"));
        }, () -> name.equals(namespace.get()) && client == reader);
    }

    /** Passes what the watch thread reports to the FX thread, for as long as its namespace is shown. */
    private final class WatchHandOver implements NamespaceWatch.Listener {
        private final String name;

        WatchHandOver(String name) {
            this.name = name;
        }

        private boolean current() {
            return watch != null && name.equals(watch.namespace()) && name.equals(namespace.get());
        }

        @Override
        public void opened(URI node, boolean resumed) {
            uiExecutor.execute(() -> {
                if (!current()) {
                    return;
                }
                message.set("Live: watching " + name + " on " + node);
                if (client != null && !node.equals(client.node())) {
                    // The stream moved to another node (its first failed): read from there too.
                    client.close();
                    client = watches.reader(node);
                }
                if (!resumed && client != null) {
                    live.watchStarted();
                    loadEntries(client, name);
                }
            });
        }

        @Override
        public void changed(WatchEvent event) {
            uiExecutor.execute(() -> {
                if (current()) {
                    apply(event);
                }
            });
        }

        @Override
        public void interrupted(String reason) {
            uiExecutor.execute(() -> {
                if (current()) {
                    message.set("Watch interrupted (" + reason + "); reconnecting…");
                }
            });
        }
    }

    /** One change of the shown namespace. */
    private void apply(WatchEvent event) {
        if (event.deletesEntry()) {
            live.deleted(event.key(), event.revision());
            if (selected != null && selected.key().equals(event.key())) {
                clearEntry();
            }
        } else if (event.storesEntry() && live.isNewer(event.key(), event.revision())) {
            readChanged(event.key());
        } else if (event.namespaceChange()) {
            if ("namespace.deleted".equals(event.action())) {
                live.clear();
                clearEntry();
                message.set(event.namespace() + " was deleted");
            }
            refresh();
        }
    }

    /** Reads a changed entry (see {@link ChangedEntryReader}) and shows it unless something newer is known. */
    private void readChanged(String key) {
        ConfigClient reader = client;
        String name = namespace.get();
        if (reader != null) {
            changedReader.read(reader, name, key, () -> client == reader && name.equals(namespace.get()),
                    this::showChanged, message::set);
        }
    }

    private void showChanged(ConfigEntry read) {
        ConfigEntry row = new ConfigEntry(read.namespace(), read.key(), null, read.type(), read.version(),
                read.revision(), read.updatedAt(), read.updatedBy(), read.blob());
        if (live.stored(row) && selected != null && selected.key().equals(row.key())) {
            selectEntry(row);
        }
    }

    private void stopWatch() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        changedReader.clear();
    }

    /** Re-reads the selected namespace's audit trail with the current limit. */
    public void refreshAudit() {
        if (client != null && !namespace.get().isEmpty()) {
            reloadAudit(client, namespace.get(), auditLimit.get());
        }
    }

    private void reloadAudit(ConfigClient reader, String name, int limit) {
        call(() -> reader.audit(name, limit), audit::setAll, () -> name.equals(namespace.get()));
    }

    /** Shows one entry: its value, or for blob-backed entries the blob's details and a preview. */
    public void selectEntry(ConfigEntry entry) {
        ConfigClient reader = client;
        if (reader == null || entry == null) {
            return;
        }
        selected = entry;
        entryTitle.set(entry.namespace() + " / " + entry.key() + "  v" + entry.version()
                + "  (" + entry.type() + ", " + entry.updatedBy() + ", " + entry.updatedAt() + ")");
        blobBacked.set(entry.blobBacked());
        valuePreview.set("Loading…");
        if (entry.blobBacked()) {
            blobDetails.set("size " + Formats.bytes(entry.blob().size()) + " (" + entry.blob().size() + " bytes)\n"
                    + "sha256 " + entry.blob().sha256() + "\ncontent type " + entry.blob().contentType());
            call(() -> reader.preview(entry.namespace(), entry.key()),
                    head -> valuePreview.set(ValuePreview.of(head, entry.blob().contentType(), entry.blob().size())),
                    () -> selected == entry);
        } else {
            blobDetails.set("");
            call(() -> reader.entry(entry.namespace(), entry.key()),
                    full -> valuePreview.set(Objects.requireNonNullElse(full.value(), "")),
                    () -> selected == entry);
        }
    }

    /** Streams the selected entry's raw value into a file (never held in memory). */
    public void saveSelectedValue(Path target) {
        ConfigClient reader = client;
        ConfigEntry entry = selected;
        if (reader == null || entry == null || target == null) {
            return;
        }
        message.set("Saving " + entry.key() + " to " + target + "…");
        call(() -> reader.saveValue(entry.namespace(), entry.key(), target),
                bytes -> message.set("Saved " + Formats.bytes(bytes) + " to " + target), () -> true);
    }

    private void clearEntry() {
        selected = null;
        entryTitle.set("");
        valuePreview.set("");
        blobDetails.set("");
        blobBacked.set(false);
    }

    /** A client call that may fail with a user-facing message. */
    private interface Call<T> {
        T run() throws ClientException;
    }

    private <T> void call(Call<T> work, Consumer<T> show, BooleanSupplier stillWanted) {
        background.execute(() -> {
            try {
                T result = work.run();
                uiExecutor.execute(() -> {
                    if (stillWanted.getAsBoolean()) {
                        show.accept(result);
                    }
                });
            } catch (ClientException e) {
                uiExecutor.execute(() -> message.set(e.getMessage()));
            } catch (RuntimeException e) {
                uiExecutor.execute(() -> message.set("Unexpected failure: " + e));
            }
        });
    }

    public ObservableList<NamespaceInfo> namespaces() {
        return FXCollections.unmodifiableObservableList(namespaces);
    }

    /** The selected namespace's entries; their values are not loaded (see {@link ConfigEntry}). */
    public ObservableList<ConfigEntry> entries() {
        return FXCollections.unmodifiableObservableList(entries);
    }

    /** The selected namespace's entries whose key contains the key search text (all while it is blank). */
    public ObservableList<ConfigEntry> visibleEntries() {
        return FXCollections.unmodifiableObservableList(visibleEntries);
    }

    /** What the key search field holds; {@link #visibleEntries} shows the namespace's keys containing it. */
    public StringProperty keySearchProperty() {
        return keySearch;
    }

    /** The selected namespace's audit trail, newest first. */
    public ObservableList<AuditEvent> audit() {
        return FXCollections.unmodifiableObservableList(audit);
    }

    /** How many audit events to fetch (writable: bound to the view's spinner). */
    public IntegerProperty auditLimitProperty() {
        return auditLimit;
    }

    public ReadOnlyStringProperty namespaceProperty() {
        return namespace.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty entryTitleProperty() {
        return entryTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty valuePreviewProperty() {
        return valuePreview.getReadOnlyProperty();
    }

    /** Size, SHA-256 and content type of a blob-backed entry, empty otherwise. */
    public ReadOnlyStringProperty blobDetailsProperty() {
        return blobDetails.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty blobBackedProperty() {
        return blobBacked.getReadOnlyProperty();
    }

    /** The last status or error message for the user. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The node the browser reads from, or null before the first connection. */
    public java.net.URI node() {
        return client == null ? null : client.node();
    }

    /** Closes the client and the watch stream. */
    public void close() {
        stopWatch();
        if (client != null) {
            client.close();
        }
    }
}
