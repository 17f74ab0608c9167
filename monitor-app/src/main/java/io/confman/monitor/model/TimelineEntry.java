package io.confman.monitor.model;

import io.confman.monitor.logic.MonitorEvent;

/**
 * One row of the event timeline, already in display form.
 *
 * @param time    wall-clock time, {@code HH:mm:ss}
 * @param kind    the event kind's name
 * @param message the sentence shown
 * @param event   the event it shows
 */
public record TimelineEntry(String time, String kind, String message, MonitorEvent event) {
}
