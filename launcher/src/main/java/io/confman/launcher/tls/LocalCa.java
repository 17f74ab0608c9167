package io.confman.launcher.tls;

import io.confman.codec.pem.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small certificate authority for a local or test cluster: an ECDSA P-256 CA and node
 * certificates it issues (server and client use, subject alternative names 127.0.0.1 and
 * localhost by default). Certificates are built with Bouncy Castle's PKIX classes and signed and
 * parsed by the JDK's own providers. Not a production CA: its key lies unencrypted beside the
 * certificates (docs/OPERATIONS.md, "TLS", says how to make certificates for real hosts).
 *
 * <p>{@code confman-node tls-init DIR ID...} ({@link #main}) keeps {@code DIR/ca.pem} (the file
 * clients trust), {@code DIR/ca-key.pem}, and for each node {@code DIR/ID.pem}, {@code DIR/ID-key.pem}
 * and {@code DIR/ID.yaml} (its {@code tls.*} keys); it makes only what is missing.
 */
public final class LocalCa {
    /** How long the local CA and its node certificates are valid. */
    public static final Duration LOCAL_VALIDITY = Duration.ofDays(3 * 365);
    /** Started this far in the past, so that a clock a little behind still accepts a new certificate. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate certificate;

    private LocalCa(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** A key and the certificate issued for it. */
    public record Issued(PrivateKey key, X509Certificate certificate) {
        /** Writes the certificate and (owner-readable only) the key as PEM, each replaced atomically. */
        public void write(Path certificateFile, Path keyFile) throws IOException {
            writeFile(keyFile, Pem.encode("PRIVATE KEY", key.getEncoded()), true);
            writeFile(certificateFile, pem(certificate), false);
        }
    }

    /** A new self-signed CA named {@code name}, valid from {@code notBefore} to {@code notAfter}. */
    public static LocalCa create(String name, Instant notBefore, Instant notAfter) {
        try {
            KeyPair pair = newKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore),
                    Date.from(notAfter), subject, pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            return new LocalCa(pair.getPrivate(), sign(builder, pair.getPrivate()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("the JDK could not make a CA key or certificate", e);
        }
    }

    /** The CA kept in {@code dir} ({@code ca.pem}, {@code ca-key.pem}), made first when there is none. */
    public static LocalCa openOrCreate(Path dir) throws IOException {
        Path certificateFile = dir.resolve("ca.pem");
        Path keyFile = dir.resolve("ca-key.pem");
        if (Files.exists(certificateFile) && Files.exists(keyFile)) {
            try (InputStream c = Files.newInputStream(certificateFile); InputStream k = Files.newInputStream(keyFile)) {
                return new LocalCa(Pem.privateKey(k), Pem.certificates(c).get(0));
            }
        }
        Files.createDirectories(dir);
        Instant now = Instant.now();
        LocalCa ca = create("Confman local CA", now.minus(BACKDATE), now.plus(LOCAL_VALIDITY));
        new Issued(ca.key, ca.certificate).write(certificateFile, keyFile);
        return ca;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A node certificate for {@code nodeId} (its common name), for TLS servers and clients, naming
     * {@code dnsNames} and {@code ipAddresses}, valid from {@code notBefore} to {@code notAfter}.
     */
    public Issued issue(String nodeId, List<String> dnsNames, List<String> ipAddresses, Instant notBefore,
                        Instant notAfter) {
        try {
            KeyPair pair = newKeyPair();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + nodeId), pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
            int i = 0;
            for (String dns : dnsNames) {
                names[i++] = new GeneralName(GeneralName.dNSName, dns);
            }
            for (String ip : ipAddresses) {
                names[i++] = new GeneralName(GeneralName.iPAddress, ip);
            }
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return new Issued(pair.getPrivate(), sign(builder, key));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("the JDK could not make a node key or certificate", e);
        }
    }

    /** A local node's certificate: 127.0.0.1 and localhost, valid for {@link #LOCAL_VALIDITY}. */
    public Issued issueLocal(String nodeId) {
        Instant now = Instant.now();
        return issue(nodeId, List.of("localhost"), List.of("127.0.0.1"), now.minus(BACKDATE), now.plus(LOCAL_VALIDITY));
    }

    /**
     * Makes, in {@code dir}, the CA when it is missing, and for each of {@code nodeIds} whose
     * certificate is missing its key, certificate and {@code ID.yaml} with the {@code tls.*} keys
     * naming them.
     */
    public static void initLocal(Path dir, List<String> nodeIds) throws IOException {
        LocalCa ca = openOrCreate(dir);
        Path absolute = dir.toAbsolutePath().normalize();
        for (String id : nodeIds) {
            if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("node id '" + id + "' must be 1-64 letters, digits, '-' or '_'");
            }
            Path certificateFile = absolute.resolve(id + ".pem");
            Path keyFile = absolute.resolve(id + "-key.pem");
            if (!Files.exists(certificateFile) || !Files.exists(keyFile)) {
                ca.issueLocal(id).write(certificateFile, keyFile);
            }
            writeFile(absolute.resolve(id + ".yaml"), "# TLS files of local node " + id + " (confman-node tls-init)\n"
                    + "tls:\n  enabled: true\n  certificate: \"" + certificateFile + "\"\n  privateKey: \"" + keyFile
                    + "\"\n  ca: \"" + absolute.resolve("ca.pem") + "\"\n", false);
        }
    }

    /** {@code confman-node tls-init DIR ID...}: exit 0 when done, 1 on a usage error, 2 when files cannot be written. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: confman-node tls-init DIR NODE_ID...  (a local CA and node certificates in DIR)");
            System.exit(1);
        }
        try {
            initLocal(Path.of(args[0]), List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("confman-node tls-init: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("confman-node tls-init: cannot write " + args[0] + ": " + e);
            System.exit(2);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("no " + SIGNATURE_ALGORITHM + " signer: " + e.getMessage(), e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a certificate just made has no encoding", e);
        }
    }

    /** Temp file beside, synced, renamed over the target; private files readable by the owner only. */
    private static void writeFile(Path target, String text, boolean secret) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
