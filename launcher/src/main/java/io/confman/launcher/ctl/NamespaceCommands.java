package io.confman.launcher.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ns create|ls|del}: the namespace routes of the API (creating and deleting need the admin role). */
@Command(name = "ns", description = "Namespaces: create (or update), ls, del.",
        subcommands = {NamespaceCommands.Create.class, NamespaceCommands.List.class, NamespaceCommands.Delete.class})
final class NamespaceCommands implements Callable<Integer> {
    @ParentCommand
    Ctl ctl;

    @Override
    public Integer call() {
        throw new CtlFailure(Ctl.USAGE, "ns needs a command: create, ls or del (see ns --help)");
    }

    @Command(name = "create", description = "Create a namespace, or update its description and owner.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        NamespaceCommands ns;

        @Parameters(paramLabel = "NS")
        String namespace;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(names = "--owner", paramLabel = "OWNER", description = "Default: the API key's name.")
        String owner;

        @Override
        public Integer call() {
            ObjectNode body = ClusterWriter.namespaceBody(description, owner);
            Ctl ctl = ns.ctl;
            JsonNode stored = CtlClient.json(CtlClient.checked(ctl.client().send("PUT", CtlClient.namespacePath(namespace),
                    BodyPublishers.ofString(body.toString()), Map.of("Content-Type", "application/json"))));
            if (ctl.output == Ctl.Output.json) {
                ctl.printJson(stored);
            } else {
                ctl.out.println("OK namespace " + stored.path("path").asText() + " owner " + stored.path("owner").asText());
            }
            return Ctl.OK;
        }
    }

    @Command(name = "ls", description = "List the namespaces (as ls without NS).")
    static final class List implements Callable<Integer> {
        @ParentCommand
        NamespaceCommands ns;

        @Override
        public Integer call() {
            ListCommands.Ls ls = new ListCommands.Ls();
            ls.ctl = ns.ctl;
            return ls.call();
        }
    }

    @Command(name = "del", description = "Delete a namespace and every key in it.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        NamespaceCommands ns;

        @Parameters(paramLabel = "NS")
        String namespace;

        @Override
        public Integer call() {
            Ctl ctl = ns.ctl;
            CtlClient.checked(ctl.client().send("DELETE", CtlClient.namespacePath(namespace), BodyPublishers.noBody(),
                    Map.of()));
            if (ctl.output == Ctl.Output.table) {
                ctl.out.println("deleted namespace " + namespace + " and its keys");
            }
            return Ctl.OK;
        }
    }
}
