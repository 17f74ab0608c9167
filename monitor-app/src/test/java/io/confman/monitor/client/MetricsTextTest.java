package io.confman.monitor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading {@code /metrics} into the charts' figures: a golden answer scraped from a real node
 * ({@code metrics-node.txt}: three writes and one read on a local cluster), the write-request
 * rule, a node without the fsync histogram, and a garbled line.
 */
class MetricsTextTest {

    private static String golden() throws IOException {
        try (InputStream in = MetricsTextTest.class.getResourceAsStream("metrics-node.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theGoldenAnswerGivesTheFsyncHistogramAndTheWriteRequests() throws Exception {
        NodeMetrics metrics = MetricsText.nodeMetrics(golden());
        BucketCounts fsync = metrics.walFsync();
        assertEquals(17, fsync.upperBounds().size(), "16 bounds and +Inf");
        assertEquals(0.0001, fsync.upperBounds().getFirst(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, fsync.upperBounds().getLast());
        assertTrue(fsync.count() > 0);
        assertTrue(fsync.sum() > 0);
        for (int i = 1; i < fsync.cumulativeCounts().size(); i++) {
            assertTrue(fsync.cumulativeCounts().get(i) >= fsync.cumulativeCounts().get(i - 1), "cumulative");
        }
        assertEquals(3, metrics.writeRequests(), "the three PUTs; the GET is no write");
    }

    @Test
    void everySampleLineIsReadWithItsLabels() throws Exception {
        List<MetricsText.Sample> samples = MetricsText.samples(golden());
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("confman_server_has_leader") && s.value() == 1));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals(MetricsText.FSYNC + "_bucket")
                && s.labels().equals(Map.of("le", "+Inf"))));
    }

    @Test
    void writesAreSuccessfulPutPostAndDeleteOfDataRoutesAndOnlyTheCommitOfAnUpload() {
        String config = "/api/v1/namespaces/{namespace}/config/{key}";
        String uploads = "/api/v1/namespaces/{namespace}/config/{key}/uploads";
        assertTrue(MetricsText.isWrite(Map.of("method", "PUT", "route", config, "code", "200")));
        assertTrue(MetricsText.isWrite(Map.of("method", "DELETE", "route", config, "code", "204")));
        assertTrue(MetricsText.isWrite(Map.of("method", "POST", "route", uploads + "/{upload}/commit", "code", "200")));
        assertEquals(false, MetricsText.isWrite(Map.of("method", "PUT", "route", config, "code", "412")));
        assertEquals(false, MetricsText.isWrite(Map.of("method", "GET", "route", config, "code", "200")));
        assertEquals(false, MetricsText.isWrite(Map.of("method", "POST", "route", uploads, "code", "201")));
        assertEquals(false, MetricsText.isWrite(Map.of("method", "PUT", "route", "unmatched", "code", "200")));
    }

    @Test
    void aNodeWithoutTheHistogramGivesNoFsyncFigures() throws Exception {
        NodeMetrics metrics = MetricsText.nodeMetrics("# HELP confman_server_has_leader x\n"
                + "# TYPE confman_server_has_leader gauge\nconfman_server_has_leader 1\n");
        assertNull(metrics.walFsync());
        assertTrue(Double.isNaN(metrics.writeRequests()));
    }

    @Test
    void aGarbledLineIsAnErrorNotAZero() {
        assertThrows(ClientException.class, () -> MetricsText.nodeMetrics("confman_server_has_leader one\n"));
        assertThrows(ClientException.class, () -> MetricsText.nodeMetrics("<html>\n"));
    }
}
