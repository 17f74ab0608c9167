package io.confman.monitor.view;

import io.confman.monitor.model.ConnectionForm;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The top bar: node URLs, API key, poll interval and a Connect button, bound to a {@link ConnectionForm}. */
public final class ConnectionBar extends HBox {

    public ConnectionBar(ConnectionForm form) {
        super(8);
        setPadding(new Insets(8));
        setAlignment(Pos.CENTER_LEFT);
        TextField nodes = new TextField();
        nodes.setId(ViewIds.NODES_FIELD);
        nodes.setPromptText("http://127.0.0.1:6100/, …");
        nodes.textProperty().bindBidirectional(form.nodesTextProperty());
        HBox.setHgrow(nodes, Priority.ALWAYS);
        PasswordField key = new PasswordField();
        key.setId(ViewIds.API_KEY_FIELD);
        key.setPromptText("X-Api-Key");
        key.setPrefColumnCount(14);
        key.textProperty().bindBidirectional(form.apiKeyProperty());
        TextField interval = new TextField();
        interval.setId(ViewIds.INTERVAL_FIELD);
        interval.setPrefColumnCount(5);
        interval.textProperty().bindBidirectional(form.intervalTextProperty());
        Button connect = new Button("Connect");
        connect.setId(ViewIds.CONNECT_BUTTON);
        connect.setDefaultButton(true);
        connect.setOnAction(event -> form.submit());
        nodes.setOnAction(event -> form.submit());
        Label error = new Label();
        error.getStyleClass().add("error");
        error.textProperty().bind(form.errorProperty());
        getChildren().addAll(new Label("Nodes"), nodes, new Label("API key"), key,
                new Label("Every"), interval, connect, error);
    }
}
