/**
 * {@code confman ctl}: a small client command line over the public HTTP API (in the spirit of
 * etcdctl). Each command is one picocli class; {@link io.confman.launcher.ctl.CtlClient} sends
 * the requests, trying the endpoints in order, and turns every failure into one of the exit codes
 * of {@link io.confman.launcher.ctl.Ctl}.
 */
package io.confman.launcher.ctl;
