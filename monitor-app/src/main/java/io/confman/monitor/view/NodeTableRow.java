package io.confman.monitor.view;

import io.confman.monitor.model.NodeRow;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;

/** A node table row that carries the {@code :offline} pseudo-class while its node is offline. */
final class NodeTableRow extends TableRow<NodeRow> {

    private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");

    private final ChangeListener<Boolean> offlineListener = (obs, was, is) -> pseudoClassStateChanged(OFFLINE, is);
    private NodeRow watched;

    @Override
    protected void updateItem(NodeRow row, boolean empty) {
        super.updateItem(row, empty);
        if (watched != null) {
            watched.offlineProperty().removeListener(offlineListener);
        }
        watched = empty ? null : row;
        if (watched != null) {
            watched.offlineProperty().addListener(offlineListener);
        }
        pseudoClassStateChanged(OFFLINE, watched != null && watched.offlineProperty().get());
    }
}
