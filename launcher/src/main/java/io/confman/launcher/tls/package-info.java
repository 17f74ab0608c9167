/**
 * TLS for a node: {@link io.confman.launcher.tls.NodeTls} reads and checks the PEM files named by
 * {@code tls.*} before anything listens (a missing file, a key that is not the certificate's, a
 * certificate out of its dates or not issued by the CA, each refused in one line), and {@link
 * io.confman.launcher.tls.LocalCa} makes the local cluster's CA and node certificates for
 * {@code ./confman up --tls} ({@code confman-node tls-init}).
 */
package io.confman.launcher.tls;
