package io.confman.monitor.model;

import io.confman.monitor.client.ClientException;
import io.confman.monitor.client.ConfigClient;
import io.confman.monitor.client.ConfigEntry;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads entries the watch stream reported changed ({@code GET} of one entry; the stream never
 * carries values), at most one read per key at a time: a key that changes again while it is read
 * is read once more afterwards, so a burst of changes to one key costs two reads, not one per
 * change. An entry gone meanwhile (404) is skipped: its deletion comes on the stream.
 *
 * <p>Thread contract: {@link #read} and {@link #clear} on the FX thread; reads run on {@code
 * background} and hand results back through {@code uiExecutor}.
 */
final class ChangedEntryReader {

    private final Executor background;
    private final Executor uiExecutor;
    private final Set<String> reading = new HashSet<>();
    private final Set<String> changedWhileReading = new HashSet<>();

    ChangedEntryReader(Executor background, Executor uiExecutor) {
        this.background = background;
        this.uiExecutor = uiExecutor;
    }

    /**
     * Reads {@code key} of {@code namespace} and passes it to {@code show}, or a failure's message
     * to {@code fail}, on the FX thread, while {@code stillWanted} holds.
     */
    void read(ConfigClient reader, String namespace, String key, BooleanSupplier stillWanted,
              Consumer<ConfigEntry> show, Consumer<String> fail) {
        if (!reading.add(key)) {
            changedWhileReading.add(key);
            return;
        }
        background.execute(() -> {
            ConfigEntry fresh = null;
            String failure = null;
            try {
                fresh = reader.entry(namespace, key);
            } catch (ClientException e) {
                failure = e.status() == 404 ? null : e.getMessage();
            } catch (RuntimeException e) {
                failure = "Unexpected failure: " + e;
            }
            ConfigEntry read = fresh;
            String error = failure;
            uiExecutor.execute(() -> {
                reading.remove(key);
                boolean again = changedWhileReading.remove(key);
                if (!stillWanted.getAsBoolean()) {
                    return;
                }
                if (error != null) {
                    fail.accept(error);
                } else if (read != null) {
                    show.accept(read);
                }
                if (again) {
                    read(reader, namespace, key, stillWanted, show, fail);
                }
            });
        });
    }

    /** Forgets keys being read (another namespace or node): their answers are not wanted. */
    void clear() {
        reading.clear();
        changedWhileReading.clear();
    }
}
