package org.moderation.bi.shared.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * SHA-256 of a definition's canonical JSON (properties sorted, no whitespace), so the catalog and bi-service name
 * the same definition with the same hash whatever order its JSON was written in. Any definition the catalog keeps
 * (a metric's, a dashboard's) is hashed alike.
 */
public final class DefinitionHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private DefinitionHash() {
    }

    public static String of(Object definition) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(definition);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a definition", e);
        }
    }

    public static String canonicalJson(Object definition) {
        try {
            return CANONICAL.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a definition", e);
        }
    }

    public static <D> D parse(String json, Class<D> type) {
        try {
            return CANONICAL.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition is not readable as " + type.getSimpleName(), e);
        }
    }
}
