/**
 * Authenticating ACS: {@link org.openivr.acsauth.AcsTokenVerifier} checks the RS256 JWT ACS puts on every callback
 * POST and on every media WebSocket upgrade (acs-wire 5.1, 7.2) against the keys its OpenID configuration
 * publishes, the issuer, the audience (our resource id) and the lifetime. The api module uses it for
 * {@code /api/callbacks/*}, the worker for {@code /ws/media/*}. It imports nimbus-jose-jwt and the slf4j facade
 * only: no Spring (each process binds its own {@code ivr.acs.callback-auth.*} into {@link
 * org.openivr.acsauth.AcsTokenSettings}), no Temporal, nothing of ours.
 */
package org.openivr.acsauth;
