package org.moderation.bi.migrator.support;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Real signed tokens shaped as Keycloak issues them: roles in realm_access.roles, communities as an array. */
public final class Tokens {

    private static final String KEY = "privateKey.jwk";

    private Tokens() {
    }

    public static String withRoles(String... roles) {
        return claims(roles).jws().keyId("1").sign(KEY);
    }

    public static String expired(String... roles) {
        return claims(roles).issuedAt(1_600_000_000L).expiresAt(1_600_000_300L).jws().keyId("1").sign(KEY);
    }

    public static String wrongIssuer(String... roles) {
        return claims(roles).issuer("https://attacker.example.com").jws().keyId("1").sign(KEY);
    }

    /** Same claims and key id, signed by a key the provider never published. */
    public static String badSignature(String... roles) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(roles).jws().keyId("1").sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code "alg": "none"}), which must never be accepted. */
    public static String unsigned(String... roles) {
        String signed = withRoles(roles);
        String payload = signed.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static JwtClaimsBuilder claims(String... roles) {
        return Jwt.issuer(OidcServer.ISSUER)
                .subject("user-" + String.join("-", roles))
                .preferredUserName("user")
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .claim("communities", List.of())
                .expiresIn(300);
    }
}
