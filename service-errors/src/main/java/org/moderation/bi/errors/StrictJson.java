package org.moderation.bi.errors;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

import org.moderation.bi.shared.api.StrictText;

/**
 * Request bodies are read strictly on every service: what a body says that the endpoint does not take is a mistake
 * to report, never something to drop or guess at. Runs after Quarkus' own customizer (quarkus.jackson.*), so no
 * service's configuration loosens it. Refusals are worded by {@link InputRefusals}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        // {"kind":"delta","x":1} must not start a delta as if x meant nothing.
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // {"kind":"full","kind":"delta"}: which one was meant is anybody's guess.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // {"kind":"full"}{"kind":"delta"}: Jackson would read the first and never look at the rest.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // "version": 1.9 would be version 1.
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.registerModule(new StrictText());
    }
}
