package io.confman.launcher.tls;

import io.confman.codec.pem.Pem;
import io.confman.launcher.NodeSettings.TlsFiles;
import io.confman.raft.node.RaftTls;
import io.confman.raft.node.StartupRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A node's TLS material, read from its PEM files and checked: the node refuses to start with one
 * line naming the file and what is wrong, instead of failing handshakes later.
 *
 * @param context the TLS context of the HTTPS listener and of node-to-node HTTP clients: presents
 *                this node's certificate, trusts only the cluster CA
 * @param raft    the same key, certificate and CA for the Raft port's mutual TLS
 */
public record NodeTls(SSLContext context, RaftTls raft) {
    /** Subject alternative name types of RFC 5280: dNSName and iPAddress. */
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    /**
     * Reads and checks {@code files}; {@code hosts} are the hosts this node is reached at (its
     * member URL's and Raft address's), each of which the certificate must name.
     *
     * @throws StartupRefusedException naming the file and the problem, in one line
     */
    public static NodeTls load(TlsFiles files, Collection<String> hosts, Instant now) {
        List<X509Certificate> chain = read(files.certificate(), "tls.certificate", Pem::certificates);
        PrivateKey key = read(files.privateKey(), "tls.privateKey", Pem::privateKey);
        List<X509Certificate> authorities = read(files.ca(), "tls.ca", Pem::certificates);
        X509Certificate certificate = chain.get(0);
        requireKeyMatches(key, certificate, files);
        for (X509Certificate ca : authorities) {
            requireCurrent(ca, "the CA certificate in tls.ca " + files.ca(), now);
        }
        requireCurrent(certificate, "the certificate in tls.certificate " + files.certificate(), now);
        requireIssuedBy(certificate, authorities, files);
        requireNames(certificate, hosts, files);
        return new NodeTls(context(key, chain, authorities), new RaftTls(key, certificate, authorities));
    }

    private interface PemReader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T read(Path file, String key, PemReader<T> reader) {
        try (InputStream in = Files.newInputStream(file)) {
            return reader.read(in);
        } catch (NoSuchFileException e) {
            throw refuse(key + " file " + file + " does not exist");
        } catch (IOException e) {
            throw refuse(key + " file " + file + " cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw refuse(key + " file " + file + " is not usable: " + e.getMessage());
        }
    }

    /** Signs a challenge with the key and verifies it with the certificate's public key. */
    private static void requireKeyMatches(PrivateKey key, X509Certificate certificate, TlsFiles files) {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm();
        };
        byte[] challenge = "confman key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw refuse("the private key in tls.privateKey " + files.privateKey() + " does not belong to the"
                    + " certificate in tls.certificate " + files.certificate() + " (" + subject(certificate) + ")");
        }
    }

    private static void requireCurrent(X509Certificate certificate, String what, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw refuse(what + " (" + subject(certificate) + ") expired on " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw refuse(what + " (" + subject(certificate) + ") is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }

    private static void requireIssuedBy(X509Certificate certificate, List<X509Certificate> authorities, TlsFiles files) {
        for (X509Certificate ca : authorities) {
            try {
                if (ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                    certificate.verify(ca.getPublicKey());
                    return;
                }
            } catch (GeneralSecurityException e) {
                // signed by another key of the same name: not this CA
            }
        }
        throw refuse("the certificate in tls.certificate " + files.certificate() + " (" + subject(certificate)
                + ", issued by " + certificate.getIssuerX500Principal().getName() + ") was not issued by the CA in"
                + " tls.ca " + files.ca() + " (" + authorities.stream().map(NodeTls::subject).toList() + ")");
    }

    /** Peers check the host they connect to against the certificate: refuse one that does not name it. */
    private static void requireNames(X509Certificate certificate, Collection<String> hosts, TlsFiles files) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> san : certificate.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS || type == SAN_IP) {
                        names.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw refuse("the certificate in tls.certificate " + files.certificate() + " has unreadable subject"
                    + " alternative names: " + e.getMessage());
        }
        for (String host : hosts) {
            if (names.stream().noneMatch(name -> names(name, host.toLowerCase(Locale.ROOT)))) {
                throw refuse("the certificate in tls.certificate " + files.certificate() + " names " + names
                        + " but this node is reached at " + host + ": peers would refuse it; issue one whose subject"
                        + " alternative names include " + host);
            }
        }
    }

    private static boolean names(String name, String host) {
        if (name.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(name.substring(1));
        }
        return name.equals(host) || name.equals(host.replaceAll("^\\[|]$", ""));
    }

    private static SSLContext context(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> authorities) {
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("node", key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), Pem.trustManagers(authorities), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw refuse("the JDK's TLS implementation refused the key or certificates: " + e.getMessage());
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static StartupRefusedException refuse(String message) {
        return new StartupRefusedException(message);
    }
}
