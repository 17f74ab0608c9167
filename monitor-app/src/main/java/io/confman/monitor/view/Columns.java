package io.confman.monitor.view;

import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;

/** Small helpers that make table columns bound to a row's property or value. */
final class Columns {

    private Columns() {
    }

    /** A column showing a row's observable string. */
    static <R> TableColumn<R, String> bound(String title, double width, Function<R, ObservableValue<String>> property) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> property.apply(cell.getValue()));
        return column;
    }

    /** A column showing a fixed value of an immutable row; null shows as an empty cell. */
    static <R> TableColumn<R, String> fixed(String title, double width, Function<R, Object> value) {
        return bound(title, width, row -> new ReadOnlyStringWrapper(Objects.toString(value.apply(row), "")));
    }
}
