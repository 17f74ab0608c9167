package io.confman.monitor.view;

import io.confman.monitor.client.AuditEvent;
import io.confman.monitor.client.ConfigEntry;
import io.confman.monitor.client.NamespaceInfo;
import io.confman.monitor.model.BrowserModel;
import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The browser tab: namespaces on the left, the selected namespace's entries and the selected
 * entry's value (or blob details and "Save to file…") in the middle, its audit trail below.
 */
public final class BrowserPane extends BorderPane {

    public BrowserPane(BrowserModel model, Runnable refresh) {
        Button reload = new Button("Reload namespaces");
        reload.setOnAction(event -> refresh.run());
        Label message = new Label();
        message.textProperty().bind(model.messageProperty());
        HBox top = new HBox(8, reload, message);
        top.setPadding(new Insets(6));
        setTop(top);

        ListView<NamespaceInfo> namespaces = new ListView<>(model.namespaces());
        namespaces.setId(ViewIds.NAMESPACE_LIST);
        namespaces.setCellFactory(list -> new NamespaceCell());
        namespaces.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectNamespace(now.path());
            }
        });
        namespaces.setPrefWidth(220);

        SplitPane middle = new SplitPane(entryPane(model), entryDetail(model), auditPane(model));
        middle.setOrientation(Orientation.VERTICAL);
        middle.setDividerPositions(0.35, 0.7);
        SplitPane split = new SplitPane(namespaces, middle);
        split.setDividerPositions(0.2);
        setCenter(split);
    }

    /** The search field over the entry table: typing narrows the keys shown. */
    private static VBox entryPane(BrowserModel model) {
        TextField search = new TextField();
        search.setId(ViewIds.KEY_SEARCH);
        search.setPromptText("Search keys");
        search.textProperty().bindBidirectional(model.keySearchProperty());
        TableView<ConfigEntry> table = entryTable(model);
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(4, search, table);
    }

    private static TableView<ConfigEntry> entryTable(BrowserModel model) {
        TableView<ConfigEntry> table = new TableView<>(model.visibleEntries());
        table.setId(ViewIds.ENTRY_TABLE);
        table.getColumns().add(Columns.fixed("Key", 220, ConfigEntry::key));
        table.getColumns().add(Columns.fixed("Type", 80, ConfigEntry::type));
        table.getColumns().add(Columns.fixed("Version", 70, ConfigEntry::version));
        table.getColumns().add(Columns.fixed("Updated", 200, ConfigEntry::updatedAt));
        table.getColumns().add(Columns.fixed("By", 150, ConfigEntry::updatedBy));
        table.getColumns().add(Columns.fixed("Blob", 90, entry -> entry.blobBacked() ? "yes" : ""));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectEntry(now));
        table.setPlaceholder(new Label("Select a namespace"));
        return table;
    }

    private static VBox entryDetail(BrowserModel model) {
        Label title = new Label();
        title.textProperty().bind(model.entryTitleProperty());
        Label blob = new Label();
        blob.setWrapText(true);
        blob.textProperty().bind(model.blobDetailsProperty());
        Button save = new Button("Save to file…");
        save.setId(ViewIds.SAVE_BUTTON);
        save.visibleProperty().bind(model.blobBackedProperty());
        save.managedProperty().bind(save.visibleProperty());
        save.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save value");
            File file = chooser.showSaveDialog(save.getScene().getWindow());
            if (file != null) {
                model.saveSelectedValue(file.toPath());
            }
        });
        TextArea value = new TextArea();
        value.setId(ViewIds.VALUE_PREVIEW);
        value.setEditable(false);
        value.setWrapText(true);
        value.setStyle("-fx-font-family: monospace;");
        value.textProperty().bind(model.valuePreviewProperty());
        VBox.setVgrow(value, Priority.ALWAYS);
        VBox box = new VBox(4, title, new HBox(8, save, blob), value);
        box.setPadding(new Insets(4));
        return box;
    }

    private static VBox auditPane(BrowserModel model) {
        TableView<AuditEvent> table = new TableView<>(model.audit());
        table.setId(ViewIds.AUDIT_TABLE);
        table.getColumns().add(Columns.fixed("Time", 200, AuditEvent::timestamp));
        table.getColumns().add(Columns.fixed("Action", 130, AuditEvent::action));
        table.getColumns().add(Columns.fixed("Actor", 140, AuditEvent::actor));
        table.getColumns().add(Columns.fixed("Key", 160, AuditEvent::key));
        table.getColumns().add(Columns.fixed("Version", 60, AuditEvent::version));
        table.getColumns().add(Columns.fixed("Revision", 70, AuditEvent::revision));
        table.getColumns().add(Columns.fixed("Old", 160, AuditEvent::oldValue));
        table.getColumns().add(Columns.fixed("New", 160, AuditEvent::newValue));
        table.setPlaceholder(new Label("No audit events"));
        Spinner<Integer> limit = new Spinner<>(1, 1000, model.auditLimitProperty().get(), 10);
        limit.setEditable(true);
        limit.valueProperty().addListener((obs, old, now) -> model.auditLimitProperty().set(now));
        Button reload = new Button("Reload audit");
        reload.setOnAction(event -> model.refreshAudit());
        HBox bar = new HBox(8, new Label("Audit trail, newest first — limit"), limit, reload);
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(4, bar, table);
    }

    /** Shows a namespace's path, with its description when it has one. */
    private static final class NamespaceCell extends ListCell<NamespaceInfo> {
        @Override
        protected void updateItem(NamespaceInfo item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.path());
        }
    }
}
