package io.confman.codec.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads and writes PEM blocks: certificates ({@code CERTIFICATE}) and unencrypted PKCS#8 private
 * keys ({@code PRIVATE KEY}, as {@code openssl genpkey} and {@code openssl pkcs8 -topk8 -nocrypt}
 * write them). A malformed input is an {@link IllegalArgumentException} whose message says what
 * was expected, so that a caller can name the file in one line.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** Key algorithms a PKCS#8 key is tried with, in order. */
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "EdDSA");

    private Pem() {
    }

    /** Every {@code CERTIFICATE} block of {@code pem}, in order; at least one. */
    public static List<X509Certificate> certificates(InputStream pem) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(pem.readAllBytes(), "CERTIFICATE")) {
                for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(der))) {
                    certificates.add((X509Certificate) c);
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a readable X.509 certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no \"-----BEGIN CERTIFICATE-----\" block");
        }
        return certificates;
    }

    /** The one {@code PRIVATE KEY} (PKCS#8, unencrypted) block of {@code pem}. */
    public static PrivateKey privateKey(InputStream pem) throws IOException {
        byte[] text = pem.readAllBytes();
        List<byte[]> keys = blocks(text, "PRIVATE KEY");
        if (keys.size() != 1) {
            String found = new String(text, StandardCharsets.US_ASCII);
            String hint = found.contains("-----BEGIN ENCRYPTED PRIVATE KEY") ? " (it is encrypted; store it unencrypted)"
                    : found.contains("-----BEGIN RSA PRIVATE KEY") || found.contains("-----BEGIN EC PRIVATE KEY")
                    ? " (it is in the older PKCS#1/SEC1 form; convert it with `openssl pkcs8 -topk8 -nocrypt`)" : "";
            throw new IllegalArgumentException("expected one unencrypted PKCS#8 \"-----BEGIN PRIVATE KEY-----\" block,"
                    + " found " + keys.size() + hint);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("a PKCS#8 key of none of the algorithms " + KEY_ALGORITHMS);
    }

    /** {@code der} as one PEM block of {@code type}, lines of 64 characters. */
    public static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /**
     * A client TLS context that trusts exactly {@code authorities} (a cluster's CA), not the
     * system's CAs; host names are checked against the server certificate as usual.
     */
    public static SSLContext clientContext(List<X509Certificate> authorities) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(authorities), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS implementation refused a CA certificate", e);
        }
    }

    /** Trust managers that accept exactly the certificates {@code authorities} issued. */
    public static TrustManager[] trustManagers(List<X509Certificate> authorities) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                trust.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            return trustManagers.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK's TLS implementation refused a CA certificate", e);
        }
    }

    private static List<byte[]> blocks(byte[] text, String type) {
        List<byte[]> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(new String(text, StandardCharsets.US_ASCII));
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    blocks.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("a \"" + type + "\" block that is not base64", e);
                }
            }
        }
        return blocks;
    }
}
