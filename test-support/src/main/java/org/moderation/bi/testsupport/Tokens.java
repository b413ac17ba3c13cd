package org.moderation.bi.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import org.moderation.bi.shared.security.Claims;
import org.moderation.bi.shared.security.Roles;

/**
 * Real signed tokens shaped as Keycloak issues them (roles in realm_access.roles, communities as an array), signed
 * with the key {@link OidcServer} publishes; and the invalid ones every endpoint must refuse (for a superadmin).
 */
public final class Tokens {

    private static final String KEY = "privateKey.jwk";

    private Tokens() {
    }

    public static String superadmin() {
        return sign(claims(List.of(Roles.SUPERADMIN), List.of()));
    }

    /** A superadmin with a subject of one's choice, to see who an audit trail names. */
    public static String superadminNamed(String subject) {
        return sign(claims(List.of(Roles.SUPERADMIN), List.of()).subject(subject));
    }

    /** A superadmin with a subject and a {@code preferred_username}, as Keycloak issues them for a person. */
    public static String superadminNamed(String subject, String username) {
        return sign(claims(List.of(Roles.SUPERADMIN), List.of()).subject(subject).preferredUserName(username));
    }

    /** A superadmin's token issued to an OIDC client ({@code azp}), as a service's client-credentials grant gets. */
    public static String superadminOfClient(String subject, String client) {
        return sign(claims(List.of(Roles.SUPERADMIN), List.of()).subject(subject).claim("azp", client));
    }

    public static String communityManager(String... communities) {
        return sign(claims(List.of(Roles.COMMUNITY_MANAGER), List.of(communities)));
    }

    /** A community manager with a subject of one's choice, as the same person signs in with claims that change. */
    public static String communityManagerNamed(String subject, String... communities) {
        return sign(claims(List.of(Roles.COMMUNITY_MANAGER), List.of(communities)).subject(subject));
    }

    /** Likewise, issued that many seconds ago: an older token of theirs, still valid. */
    public static String communityManagerNamedIssuedAgo(String subject, long seconds, String... communities) {
        long issued = System.currentTimeMillis() / 1000 - seconds;
        return sign(claims(List.of(Roles.COMMUNITY_MANAGER), List.of(communities)).subject(subject).issuedAt(issued)
                .expiresAt(issued + 300 + seconds));
    }

    /** Any roles, no communities. */
    public static String withRoles(String... roles) {
        return sign(claims(List.of(roles), List.of()));
    }

    /** A valid token that carries communities but no role. */
    public static String withoutRole() {
        return sign(claims(List.of(), List.of("north")));
    }

    /** A superadmin whose token expires in that many seconds. */
    public static String superadminExpiringIn(long seconds) {
        return sign(claims(List.of(Roles.SUPERADMIN), List.of()).expiresIn(seconds));
    }

    public static String expired() {
        return claims(List.of(Roles.SUPERADMIN), List.of()).issuedAt(1_600_000_000L).expiresAt(1_600_000_300L)
                .jws().keyId("1").sign(KEY);
    }

    public static String wrongIssuer() {
        return claims(List.of(Roles.SUPERADMIN), List.of()).issuer("https://attacker.example.com")
                .jws().keyId("1").sign(KEY);
    }

    /** Same claims and key id, signed by a key the provider never published. */
    public static String badSignature() {
        return signedByAStranger("1");
    }

    /** Signed by a key the provider never published, under a key id it never used: a reason to refetch its keys. */
    public static String unknownKey() {
        return signedByAStranger("rotated-" + System.nanoTime());
    }

    private static String signedByAStranger(String keyId) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(List.of(Roles.SUPERADMIN), List.of()).jws().keyId(keyId)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code "alg": "none"}), which must never be accepted. */
    public static String unsigned() {
        String payload = superadmin().split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign(KEY);
    }

    private static JwtClaimsBuilder claims(List<String> roles, List<String> communities) {
        return Jwt.issuer(OidcServer.ISSUER)
                .subject("user")
                .claim("realm_access", Map.of("roles", roles))
                .claim(Claims.COMMUNITIES, communities)
                .expiresIn(300);
    }
}
