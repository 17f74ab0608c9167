package io.confman.monitor.app;

import java.util.List;
import javafx.application.Application;

/** Entry point: checks the arguments, then starts the JavaFX application. */
public final class MonitorMain {

    private MonitorMain() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (LaunchOptions.wantsHelp(arguments)) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        try {
            LaunchOptions.parse(arguments, System.getenv());
            LaunchOptions.trustCa(arguments, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("confman-monitor: " + e.getMessage());
            System.err.print(LaunchOptions.USAGE);
            System.exit(2);
        }
        Application.launch(MonitorApp.class, args);
    }
}
