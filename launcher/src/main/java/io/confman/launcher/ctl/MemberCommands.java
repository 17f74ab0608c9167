package io.confman.launcher.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code member list|add|remove}: the Raft group's members over {@code /api/v1/cluster/members}.
 * A member added joins as a non-voter and becomes a voter by itself once it has caught up.
 */
@Command(name = "member", description = "List, add or remove cluster members.",
        subcommands = {MemberCommands.ListMembers.class, MemberCommands.Add.class, MemberCommands.Remove.class})
final class MemberCommands implements Callable<Integer> {
    static final String PATH = "/api/v1/cluster/members";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    Ctl ctl;

    @Override
    public Integer call() {
        throw new CtlFailure(Ctl.USAGE, "a subcommand is needed: list, add or remove (see member --help)");
    }

    /** Prints the members as a table (or JSON). */
    static int print(Ctl ctl, JsonNode members) {
        if (ctl.output == Ctl.Output.json) {
            ctl.printJson(members);
            return Ctl.OK;
        }
        Table table = new Table("ID", "VOTING", "URL", "RAFT_ADDRESS");
        for (JsonNode m : members) {
            table.row(ListCommands.text(m, "id"), ListCommands.text(m, "voting"), ListCommands.text(m, "url"),
                    ListCommands.text(m, "raftAddress"));
        }
        table.print(ctl.out);
        return Ctl.OK;
    }

    @Command(name = "list", description = "List the members and whether each votes.")
    static final class ListMembers implements Callable<Integer> {
        @ParentCommand
        MemberCommands member;

        @Override
        public Integer call() {
            return print(member.ctl, member.ctl.client().getJson(PATH));
        }
    }

    @Command(name = "add", description = "Add member ID as a non-voter; it votes once it has caught up."
            + " Start the new node with empty storage (cluster.initialState: existing).")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        MemberCommands member;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--url", required = true, paramLabel = "URL", description = "Its HTTP base URL, http://host:port/.")
        String url;

        @Option(names = "--raft-address", required = true, paramLabel = "HOST:PORT", description = "Its Raft address.")
        String raftAddress;

        @Override
        public Integer call() throws Exception {
            String body = JSON.writeValueAsString(Map.of("id", id, "url", url, "raftAddress", raftAddress));
            return print(member.ctl, change(member.ctl, "POST", PATH, HttpRequest.BodyPublishers.ofString(body)));
        }
    }

    @Command(name = "remove", description = "Remove member ID (the leader too); the others go on serving.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        MemberCommands member;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return print(member.ctl, change(member.ctl, "DELETE", PATH + "/" + CtlClient.segment(id),
                    HttpRequest.BodyPublishers.noBody()));
        }
    }

    private static JsonNode change(Ctl ctl, String method, String path, HttpRequest.BodyPublisher body) {
        return CtlClient.json(CtlClient.checked(ctl.client().send(method, path, body,
                Map.of("Content-Type", "application/json"))));
    }
}
