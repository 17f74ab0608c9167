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
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code status}: asks every endpoint for {@code /health/ready} (not just the first that answers)
 * and prints one row per endpoint. Exit 2 when none answers, 6 when none reports being leader.
 */
@Command(name = "status", description = "A table of the nodes: id, role, term, commit and applied index, ready.")
final class StatusCommand implements Callable<Integer> {
    static final long NODE_TIMEOUT_MILLIS = 3_000;

    @ParentCommand
    Ctl ctl;

    @Override
    public Integer call() {
        CtlClient client = ctl.client();
        ArrayNode nodes = CtlClient.JSON.createArrayNode();
        int reachable = 0;
        boolean leader = false;
        for (URI endpoint : client.endpoints()) {
            ObjectNode row = nodes.addObject().put("endpoint", endpoint.toString());
            try {
                JsonNode health = CtlClient.json(client.sendTo(endpoint, "GET", "/health/ready", BodyPublishers.noBody(),
                        Map.of(), Duration.ofMillis(NODE_TIMEOUT_MILLIS)));
                row.set("health", health);
                reachable++;
                leader |= "leader".equals(health.path("cluster").path("role").asText());
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
            throw new CtlFailure(Ctl.UNREACHABLE, "no reachable endpoint among " + client.endpoints());
        }
        if (!leader) {
            throw new CtlFailure(Ctl.SERVER_ERROR, "no node reports being the leader");
        }
        return Ctl.OK;
    }

    private void printTable(ArrayNode nodes) {
        Table table = new Table("ENDPOINT", "ID", "ROLE", "TERM", "COMMIT", "APPLIED", "READY");
        for (JsonNode node : nodes) {
            JsonNode health = node.get("health");
            if (health == null) {
                table.row(node.path("endpoint").asText(), null, null, null, null, null, "unreachable");
                continue;
            }
            JsonNode cluster = health.path("cluster");
            table.row(node.path("endpoint").asText(), ListCommands.text(cluster, "nodeId"), ListCommands.text(cluster, "role"),
                    ListCommands.text(cluster, "term"), ListCommands.text(cluster, "commitIndex"),
                    ListCommands.text(cluster, "appliedIndex"), "ready".equals(health.path("status").asText()) ? "yes" : "no");
        }
        table.print(ctl.out);
    }
}
