package io.confman.launcher.ctl;

/**
 * A command's {@code NS/KEY} argument. Namespace and key names never contain a slash (see
 * docs/API.md), so the argument splits at its only one.
 */
record KeyPath(String namespace, String key) {

    static KeyPath parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new CtlFailure(Ctl.USAGE, "'" + text + "' is not NS/KEY");
        }
        return new KeyPath(text.substring(0, slash), text.substring(slash + 1));
    }

    /** The entry's path under the API root. */
    String entryPath() {
        return CtlClient.namespacePath(namespace) + "/config/" + CtlClient.segment(key);
    }

    /** The path of the entry's raw value. */
    String valuePath() {
        return entryPath() + "/value";
    }

    @Override
    public String toString() {
        return namespace + "/" + key;
    }
}
