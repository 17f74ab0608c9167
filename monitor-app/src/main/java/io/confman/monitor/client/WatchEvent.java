package io.confman.monitor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One change of a namespace as the watch stream reports it ({@code data:} of an event; API.md,
 * watch). Never carries the value.
 *
 * @param action    {@code config.created}, {@code config.updated}, {@code config.deleted},
 *                  {@code namespace.created}, {@code namespace.updated} or {@code namespace.deleted}
 * @param namespace the namespace
 * @param key       the key, null for namespace events
 * @param version   the entry's version (a delete names the removed one), null for namespace events
 * @param revision  the cluster-wide revision of the change
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WatchEvent(String action, String namespace, String key, Long version, long revision) {

    /** Whether this change created or updated an entry. */
    public boolean storesEntry() {
        return "config.created".equals(action) || "config.updated".equals(action);
    }

    /** Whether this change deleted an entry. */
    public boolean deletesEntry() {
        return "config.deleted".equals(action);
    }

    /** Whether this change concerns the namespace itself. */
    public boolean namespaceChange() {
        return action != null && action.startsWith("namespace.");
    }
}
