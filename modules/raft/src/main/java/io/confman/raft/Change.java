package io.confman.raft;

import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.util.Objects;

/** What an applied command changed; carried by {@link ApplyResult.Applied}. */
public sealed interface Change
        permits Change.ConfigStored, Change.ConfigDeleted, Change.NamespaceStored, Change.NamespaceDeleted {

    /**
     * A config entry was created or updated.
     *
     * @param entry   the entry as now stored, with its new version and revision
     * @param created whether the key did not exist before
     */
    record ConfigStored(ConfigEntry entry, boolean created) implements Change {
        public ConfigStored {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * A config entry was deleted.
     *
     * @param previous the entry as it was before the delete
     */
    record ConfigDeleted(ConfigEntry previous) implements Change {
        public ConfigDeleted {
            Objects.requireNonNull(previous, "previous");
        }
    }

    /**
     * A namespace was created or updated.
     *
     * @param namespace the namespace as now stored
     * @param created   whether it did not exist before
     */
    record NamespaceStored(Namespace namespace, boolean created) implements Change {
        public NamespaceStored {
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    /**
     * A namespace and all its config entries were deleted.
     *
     * @param path           the namespace
     * @param previous       the namespace record before the delete, or null when the namespace
     *                       existed only implicitly (configs written without creating it)
     * @param deletedConfigs how many config entries were deleted with it
     */
    record NamespaceDeleted(String path, Namespace previous, int deletedConfigs) implements Change {
        public NamespaceDeleted {
            Objects.requireNonNull(path, "path");
        }
    }
}
