package io.confman.launcher.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.launcher.testkit.LocalCluster;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault suite's traffic: {@code clients} threads, each with one request in flight at a time,
 * each request to a randomly chosen node. Over a few register keys (contention) they read, write
 * unique values, compare-and-swap with the {@code If-Match} tag of a value they just read, and
 * delete; over two more keys they write raw (blob) values of unique bytes and read them back,
 * checking that every blob served hashes to its {@code ETag}. Every operation is recorded.
 *
 * <p>An answer classifies the operation: 200/204 done, 404 not found, 412 precondition failed;
 * a refused connection or a 4xx/507 refusal is a failure that changed nothing; anything else (503,
 * 500, a timeout, a cut connection) leaves the outcome unknown.
 */
public final class ChaosClients implements AutoCloseable {

    static final String NAMESPACE = "chaos";
    static final List<String> REGISTER_KEYS = List.of("k0", "k1", "k2", "k3", "k4");
    static final List<String> BLOB_KEYS = List.of("b0", "b1");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The operation this thread recorded last. */
    private static final ThreadLocal<Op> LAST = new ThreadLocal<>();
    private static final Duration AVOID_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final long BACK_OFF_MILLIS = 250;

    private final List<LocalCluster.Node> nodes;
    private final List<Op> history = new CopyOnWriteArrayList<>();
    private final List<String> blobViolations = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    public ChaosClients(List<LocalCluster.Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts {@code count} client threads, seeded from {@code seed}. */
    public void start(int count, long seed) {
        for (int c = 0; c < count; c++) {
            int client = c;
            Random random = new Random(seed * 1_000 + c);
            threads.add(Thread.ofPlatform().name("chaos-client-" + c).daemon().start(() -> run(client, random)));
        }
    }

    /** Stops the clients and waits for their requests in flight (bounded by the request timeout). */
    @Override
    public void close() {
        stopping = true;
        for (Thread thread : threads) {
            try {
                thread.join(REQUEST_TIMEOUT.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public List<Op> history() {
        return List.copyOf(history);
    }

    public List<String> blobViolations() {
        return List.copyOf(blobViolations);
    }

    /** The completion time of the first acknowledged change begun at or after {@code sinceNanos}, if any. */
    public long firstWriteAckedSince(long sinceNanos) {
        return history.stream().filter(op -> op.acknowledgedChange() && op.invokeNanos() >= sinceNanos)
                .mapToLong(Op::completeNanos).min().orElse(-1);
    }

    private void run(int client, Random random) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long sequence = 0;
        long[] avoidUntil = new long[nodes.size()];
        while (!stopping) {
            int chosen = choose(random, avoidUntil);
            LocalCluster.Node node = nodes.get(chosen);
            LAST.remove();
            String value = "c" + client + "-" + (++sequence);
            int dice = random.nextInt(100);
            if (dice < 12) {
                String key = BLOB_KEYS.get(random.nextInt(BLOB_KEYS.size()));
                if (random.nextBoolean()) {
                    writeBlob(http, node, client, key, value);
                } else {
                    readBlob(http, node, client, key);
                }
                continue;
            }
            String key = REGISTER_KEYS.get(random.nextInt(REGISTER_KEYS.size()));
            if (dice < 40) {
                read(http, node, client, key);
            } else if (dice < 70) {
                write(http, node, client, key, value, null);
            } else if (dice < 90) {
                Op seen = read(http, node, client, key);
                if (seen != null && seen.result() == Op.Result.DONE && seen.revision() >= 0 && !stopping) {
                    write(http, node, client, key, value, seen);
                }
            } else {
                delete(http, node, client, key);
            }
            Op last = LAST.get();
            if (last == null || last.outcome() != Op.Outcome.OK) {
                avoidUntil[chosen] = System.nanoTime() + AVOID_AFTER_FAILURE.toNanos();
            }
        }
    }

    /**
     * A random node, leaving out for a while the ones that just failed this client (as a client with
     * a list of endpoints does), so that one cut-off node does not hold every client in timeouts.
     */
    private int choose(Random random, long[] avoidUntil) {
        long now = System.nanoTime();
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < avoidUntil.length; i++) {
            if (avoidUntil[i] - now <= 0) {
                usable.add(i);
            }
        }
        if (usable.isEmpty()) {
            // Every node failed this client just now (all killed, say): back off instead of spinning.
            Nemesis.sleep(BACK_OFF_MILLIS);
            return random.nextInt(nodes.size());
        }
        return usable.get(random.nextInt(usable.size()));
    }

    /** A linearizable GET, recorded; the op, or null when it failed. */
    Op read(HttpClient http, LocalCluster.Node node, int client, String key) {
        long invoke = System.nanoTime();
        Answer answer = send(http, HttpRequest.newBuilder(configUri(node, key)).GET());
        long complete = System.nanoTime();
        Op op = null;
        if (answer.status() == 200) {
            try {
                String value = JSON.readTree(answer.body()).path("value").asText(null);
                op = Op.read(ids.incrementAndGet(), client, key, value, invoke, complete, answer.revision());
            } catch (IOException e) {
                op = null;
            }
        } else if (answer.status() == 404) {
            op = Op.read(ids.incrementAndGet(), client, key, null, invoke, complete, -1);
        }
        if (op != null) {
            record(op);
        }
        return op;
    }

    private void write(HttpClient http, LocalCluster.Node node, int client, String key, String value, Op casOn) {
        String body = "{\"value\":\"" + value + "\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(configUri(node, key))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (casOn != null) {
            request.header("If-Match", "\"r" + casOn.revision() + "\"");
        }
        long invoke = System.nanoTime();
        Answer answer = send(http, request);
        long complete = System.nanoTime();
        Op.Outcome outcome = answer.outcome();
        Op op = casOn == null ? Op.write(ids.incrementAndGet(), client, key, value, invoke, complete, outcome)
                : Op.cas(ids.incrementAndGet(), client, key, casOn.value(), value, invoke, complete, outcome,
                        answer.result());
        record(outcome == Op.Outcome.OK ? op.withRevision(answer.revision()) : op);
    }

    private void delete(HttpClient http, LocalCluster.Node node, int client, String key) {
        long invoke = System.nanoTime();
        Answer answer = send(http, HttpRequest.newBuilder(configUri(node, key)).DELETE());
        long complete = System.nanoTime();
        record(Op.delete(ids.incrementAndGet(), client, key, invoke, complete, answer.outcome(), answer.result()));
    }

    private void writeBlob(HttpClient http, LocalCluster.Node node, int client, String key, String value) {
        byte[] bytes = blobBytes(value);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(configUri(node, key) + "/value"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        long invoke = System.nanoTime();
        Answer answer = send(http, request);
        long complete = System.nanoTime();
        record(Op.write(ids.incrementAndGet(), client, key, sha256(bytes), invoke, complete, answer.outcome()));
    }

    /** A raw GET, recorded as a read of the bytes' SHA-256 after checking it against the ETag; null when it failed. */
    Op readBlob(HttpClient http, LocalCluster.Node node, int client, String key) {
        long invoke = System.nanoTime();
        Answer answer = send(http, HttpRequest.newBuilder(URI.create(configUri(node, key) + "/value")).GET());
        long complete = System.nanoTime();
        Op op = null;
        if (answer.status() == 404) {
            op = Op.read(ids.incrementAndGet(), client, key, null, invoke, complete, -1);
        } else if (answer.status() == 200) {
            String served = sha256(answer.bytes());
            String tag = answer.etag() == null ? "" : answer.etag().replace("\"", "").replace("sha256:", "");
            if (!served.equals(tag)) {
                blobViolations.add(key + " on " + node.id() + ": served bytes hash to " + served + ", ETag says " + tag);
                return null;
            }
            op = Op.read(ids.incrementAndGet(), client, key, served, invoke, complete, -1);
        }
        if (op != null) {
            record(op);
        }
        return op;
    }

    private void record(Op op) {
        history.add(op);
        LAST.set(op);
    }

    /** Unique bytes for a blob write: 2–10 KiB derived from the unique value. */
    static byte[] blobBytes(String value) {
        Random random = new Random(value.hashCode());
        byte[] bytes = new byte[2048 + random.nextInt(8192)];
        random.nextBytes(bytes);
        byte[] tag = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, bytes, 0, tag.length);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI configUri(LocalCluster.Node node, String key) {
        return node.url("api/v1/namespaces/" + NAMESPACE + "/config/" + key);
    }

    private static Answer send(HttpClient http, HttpRequest.Builder request) {
        request.timeout(REQUEST_TIMEOUT).header("X-Api-Key", LocalCluster.ADMIN_KEY);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null),
                    false);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Answer(-1, new byte[0], null, true);
        } catch (IOException e) {
            return new Answer(-1, new byte[0], null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, new byte[0], null, false);
        }
    }

    /** One HTTP answer, or none ({@code status} -1; {@code refused} when the request never left). */
    private record Answer(int status, byte[] bytes, String etag, boolean refused) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        long revision() {
            if (etag == null) {
                return -1;
            }
            String tag = etag.replace("\"", "").replace("W/", "");
            return tag.startsWith("r") ? Long.parseLong(tag.substring(1)) : -1;
        }

        Op.Outcome outcome() {
            if (refused) {
                return Op.Outcome.FAIL;
            }
            return switch (status) {
                case 200, 201, 204, 404, 412 -> Op.Outcome.OK;
                case 400, 401, 403, 413, 415, 507 -> Op.Outcome.FAIL;
                default -> Op.Outcome.UNKNOWN;
            };
        }

        Op.Result result() {
            return switch (status) {
                case 200, 201, 204 -> Op.Result.DONE;
                case 404 -> Op.Result.NOT_FOUND;
                case 412 -> Op.Result.PRECONDITION_FAILED;
                default -> Op.Result.NONE;
            };
        }
    }
}
