package io.confman.launcher.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The commands that list: ls (namespaces, or a namespace's keys) and audit. */
final class ListCommands {
    private ListCommands() {
    }

    @Command(name = "ls", description = "List the namespaces, or the keys of namespace NS.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand
        Ctl ctl;

        @Parameters(arity = "0..1", paramLabel = "NS")
        String namespace;

        @Override
        public Integer call() {
            String path = namespace == null ? "/api/v1/namespaces"
                    : CtlClient.namespacePath(namespace) + "/config";
            JsonNode list = ctl.client().getJson(path);
            if (ctl.output == Ctl.Output.json) {
                ctl.printJson(list);
                return Ctl.OK;
            }
            Table table = namespace == null ? new Table("NAMESPACE", "OWNER", "CREATED", "DESCRIPTION")
                    : new Table("KEY", "VERSION", "REVISION", "TYPE", "UPDATED", "UPDATED_BY");
            for (JsonNode item : list) {
                if (namespace == null) {
                    table.row(text(item, "path"), text(item, "owner"), text(item, "createdAt"), text(item, "description"));
                } else {
                    table.row(text(item, "key"), text(item, "version"), text(item, "revision"), text(item, "type"),
                            text(item, "updatedAt"), text(item, "updatedBy"));
                }
            }
            table.print(ctl.out);
            return Ctl.OK;
        }
    }

    @Command(name = "audit", description = "Print a namespace's audit events, newest first.")
    static final class Audit implements Callable<Integer> {
        @ParentCommand
        Ctl ctl;

        @Parameters(paramLabel = "NS")
        String namespace;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N events, 1..1000 (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            JsonNode events = ctl.client().getJson(
                    CtlClient.namespacePath(namespace) + "/audit?limit=" + limit);
            if (ctl.output == Ctl.Output.json) {
                ctl.printJson(events);
                return Ctl.OK;
            }
            Table table = new Table("REVISION", "TIMESTAMP", "ACTION", "ACTOR", "KEY", "VERSION");
            for (JsonNode event : events) {
                table.row(text(event, "revision"), text(event, "timestamp"), text(event, "action"),
                        text(event, "actor"), text(event, "key"), text(event, "version"));
            }
            table.print(ctl.out);
            return Ctl.OK;
        }
    }

    /** A field as text; null (printed as "-") when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
