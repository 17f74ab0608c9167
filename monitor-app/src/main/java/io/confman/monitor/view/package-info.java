/**
 * The JavaFX scene: connection bar, cluster table, charts, event timeline and browser. Views bind
 * to the model's properties and forward user actions; they compute nothing themselves.
 */
package io.confman.monitor.view;
