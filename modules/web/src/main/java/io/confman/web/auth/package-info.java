/**
 * Client authentication and authorisation, free of HTTP: API keys compared in constant time, the
 * role lattice {@code admin ⊃ publisher ⊃ editor ⊃ viewer}, and namespace scoping. The API layer
 * asks these types and turns their answers into 401 and 403.
 */
package io.confman.web.auth;
