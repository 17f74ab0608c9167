package io.confman.launcher.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code status}: asks every endpoint for {@code /health/ready} (not just the first that answers)
 * and prints one row per endpoint; LAG is how many entries the node's applied index is behind the
 * leader's commit index. Exit 2 when none answers, 6 when the cluster has no quorum: no node
 * reports being leader, or (when every member was asked) fewer than a majority answer.
 */
@Command(name = "status", description = "A table of the nodes: id, role, term, commit and applied index, lag, ready.")
final class StatusCommand implements Callable<Integer> {
    static final long NODE_TIMEOUT_MILLIS = 3_000;

    @ParentCommand
    Ctl ctl;

    @Override
    public Integer call() {
        CtlClient client = ctl.client();
        ArrayNode nodes = CtlClient.JSON.createArrayNode();
        int reachable = 0;
        int members = 0;
        boolean leader = false;
        for (URI endpoint : client.endpoints()) {
            ObjectNode row = nodes.addObject().put("endpoint", endpoint.toString());
            try {
                JsonNode health = CtlClient.json(client.sendTo(endpoint, "GET", "/health/ready", BodyPublishers.noBody(),
                        Map.of(), Duration.ofMillis(NODE_TIMEOUT_MILLIS)));
                row.set("health", health);
                reachable++;
                leader |= "leader".equals(health.path("cluster").path("role").asText());
                members = Math.max(members, voters(health.path("cluster").path("members")));
            } catch (SSLException e) {
                row.put("error", CtlClient.tlsProblem(e));
            } catch (IOException | CtlFailure e) {
                row.put("error", CtlClient.describe(e));
            }
        }
        if (ctl.output == Ctl.Output.json) {
            ctl.printJson(nodes);
        } else {
            printTable(nodes);
        }
        if (reachable == 0) {
            throw new CtlFailure(Ctl.UNREACHABLE, "no reachable endpoint among " + client.endpoints() + " (last: "
                    + nodes.get(nodes.size() - 1).path("error").asText() + ")");
        }
        // A majority is judged only when every member was asked: a single endpoint is no sign of trouble.
        boolean everyMemberAsked = members > 0 && client.endpoints().size() >= members;
        if (!leader || (everyMemberAsked && reachable <= members / 2)) {
            throw new CtlFailure(Ctl.SERVER_ERROR, "no quorum: " + reachable + " of " + members + " members answer, "
                    + (leader ? "one reports being leader" : "none reports being leader"));
        }
        return Ctl.OK;
    }

    /** The members that vote (a member without a {@code voting} field does). */
    private static int voters(JsonNode members) {
        int voters = 0;
        for (JsonNode member : members) {
            voters += member.path("voting").asBoolean(true) ? 1 : 0;
        }
        return voters;
    }

    private void printTable(ArrayNode nodes) {
        Table table = new Table("ENDPOINT", "ID", "ROLE", "TERM", "COMMIT", "APPLIED", "LAG", "READY");
        long leaderCommit = -1;
        for (JsonNode node : nodes) {
            JsonNode cluster = node.path("health").path("cluster");
            if ("leader".equals(cluster.path("role").asText())) {
                leaderCommit = Math.max(leaderCommit, cluster.path("commitIndex").asLong(-1));
            }
        }
        for (JsonNode node : nodes) {
            JsonNode health = node.get("health");
            if (health == null) {
                table.row(node.path("endpoint").asText(), null, null, null, null, null, null, "unreachable");
                continue;
            }
            JsonNode cluster = health.path("cluster");
            Long lag = leaderCommit < 0 || !cluster.has("appliedIndex") ? null
                    : Math.max(0, leaderCommit - cluster.path("appliedIndex").asLong());
            table.row(node.path("endpoint").asText(), ListCommands.text(cluster, "nodeId"), ListCommands.text(cluster, "role"),
                    ListCommands.text(cluster, "term"), ListCommands.text(cluster, "commitIndex"),
                    ListCommands.text(cluster, "appliedIndex"), lag, "ready".equals(health.path("status").asText()) ? "yes" : "no");
        }
        table.print(ctl.out);
    }
}
