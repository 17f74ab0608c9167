package io.confman.launcher.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A TCP proxy in front of one node's Raft port that can cut, stall or slow the links to it, per
 * sending node: the partitions of the fault suite, on loopback and without root.
 *
 * <p>Every member reaches every other through that one's proxy (the members advertise the proxy
 * ports, and bind Ratis to the real ones). Which node opened a connection is found from the
 * kernel: the connection's source port leads through {@code /proc/net/tcp[6]} to a socket inode,
 * and the inode to the process that holds it ({@code /proc/<pid>/fd}). Ratis talks over
 * connections the caller opens and the callee answers on, so cutting the connections from A to B
 * silences A's requests to B and B's answers to them, while B's own connections to A go on: a
 * one-way partition; both directions cut is a full one.
 *
 * <p>Modes of a link: {@link Mode#BLACKHOLE} stops forwarding (bytes wait, as with dropped packets
 * the sender retransmits, and flow on once healed); {@link Mode#RESET} closes the link's
 * connections with a reset and refuses new ones; {@link Mode#DELAY} holds every chunk for a fixed
 * time.
 */
public final class LinkProxy implements AutoCloseable {

    /** What happens to a link. */
    public enum Mode { BLACKHOLE, RESET, DELAY }

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final long POLL_MILLIS = 20;

    private final String target;
    private final int targetPort;
    private final ServerSocket server;
    private final Function<Long, Optional<String>> nodeOfPid;
    private final Map<String, Mode> rules = new ConcurrentHashMap<>();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> openedFrom = new ConcurrentHashMap<>();
    private volatile long delayMillis = 200;
    private volatile boolean closed;

    /**
     * @param target     the node behind this proxy
     * @param port       the port to listen on (the one the members advertise)
     * @param targetPort the node's real Raft port
     * @param nodeOfPid  which node a process id is, if any
     */
    public LinkProxy(String target, int port, int targetPort, Function<Long, Optional<String>> nodeOfPid) {
        this.target = target;
        this.targetPort = targetPort;
        this.nodeOfPid = nodeOfPid;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("proxy-" + target).start(this::acceptLoop);
    }

    public String target() {
        return target;
    }

    /** Applies {@code mode} to connections from node {@code from}; RESET also cuts the open ones. */
    public void cut(String from, Mode mode) {
        rules.put(from, mode);
        if (mode == Mode.RESET) {
            links.stream().filter(l -> from.equals(l.from)).forEach(Link::reset);
        }
    }

    public void setDelayMillis(long millis) {
        this.delayMillis = millis;
    }

    /** Lifts every rule. */
    public void heal() {
        rules.clear();
    }

    /** How many connections each sending node opened so far ("?" for ones whose process was not found). */
    public Map<String, Integer> connectionsOpened() {
        return Map.copyOf(openedFrom);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> open(client));
            } catch (IOException e) {
                if (!closed) {
                    sleep(POLL_MILLIS);
                }
            }
        }
    }

    private void open(Socket client) {
        String from = sourceNode(client.getPort(), client.getLocalPort()).orElse("?");
        openedFrom.merge(from, 1, Integer::sum);
        if (rules.get(from) == Mode.RESET) {
            resetQuietly(client);
            return;
        }
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            Link link = new Link(from, client, upstream);
            links.add(link);
            Thread.ofVirtual().start(() -> pump(link, client, upstream));
            Thread.ofVirtual().start(() -> pump(link, upstream, client));
        } catch (IOException e) {
            resetQuietly(client);
        }
    }

    /** Forwards one direction of a link chunk by chunk, applying the link's rule before each. */
    private void pump(Link link, Socket in, Socket out) {
        byte[] buffer = new byte[CHUNK_BYTES];
        try (InputStream input = in.getInputStream(); OutputStream output = out.getOutputStream()) {
            while (!closed) {
                int n = input.read(buffer);
                if (n < 0) {
                    break;
                }
                long received = System.nanoTime();
                Mode mode;
                while ((mode = rules.get(link.from)) == Mode.BLACKHOLE && !closed && !link.isReset()) {
                    sleep(POLL_MILLIS);
                }
                if (mode == Mode.RESET || link.isReset()) {
                    break;
                }
                if (mode == Mode.DELAY) {
                    long waitMillis = delayMillis - (System.nanoTime() - received) / 1_000_000;
                    if (waitMillis > 0) {
                        sleep(waitMillis);
                    }
                }
                output.write(buffer, 0, n);
                output.flush();
            }
        } catch (IOException e) {
            // the other side went away or the link was reset
        } finally {
            link.reset();
            links.remove(link);
        }
    }

    /**
     * The node whose process holds the local end of the connection from source port {@code port} to
     * this proxy's {@code proxyPort}, found through {@code /proc}; empty for a process that is not a
     * node (or already gone).
     */
    private Optional<String> sourceNode(int port, int proxyPort) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Long> inode = socketInode(port, proxyPort);
            if (inode.isPresent()) {
                Optional<Long> pid = pidHolding(inode.get());
                if (pid.isPresent()) {
                    return nodeOfPid.apply(pid.get());
                }
            }
            sleep(5);
        }
        return Optional.empty();
    }

    /** The inode of the socket whose local end has {@code localPort} and whose remote end {@code remotePort}. */
    private static Optional<Long> socketInode(int localPort, int remotePort) {
        String hexPort = String.format(":%04X", localPort);
        String hexRemote = String.format(":%04X", remotePort);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                Optional<Long> inode = lines.skip(1).map(String::trim).map(l -> l.split("\\s+"))
                        .filter(f -> f.length > 9 && f[1].endsWith(hexPort) && f[2].endsWith(hexRemote)
                                && !f[9].equals("0"))
                        .map(f -> Long.parseLong(f[9])).findFirst();
                if (inode.isPresent()) {
                    return inode;
                }
            } catch (IOException | UncheckedIOException e) {
                // no such table on this kernel
            }
        }
        return Optional.empty();
    }

    private Optional<Long> pidHolding(long inode) {
        String socket = "socket:[" + inode + "]";
        return ProcessHandle.current().descendants().map(ProcessHandle::pid)
                .filter(pid -> nodeOfPid.apply(pid).isPresent())
                .filter(pid -> holds(pid, socket)).findFirst();
    }

    private static boolean holds(long pid, String socket) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(socket);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        links.forEach(Link::reset);
    }

    /** One proxied connection: from which node, and both of its sockets. */
    private static final class Link {
        final String from;
        final Socket client;
        final Socket upstream;
        private volatile boolean reset;

        Link(String from, Socket client, Socket upstream) {
            this.from = from;
            this.client = client;
            this.upstream = upstream;
        }

        boolean isReset() {
            return reset;
        }

        void reset() {
            reset = true;
            resetQuietly(client);
            resetQuietly(upstream);
        }
    }
}
