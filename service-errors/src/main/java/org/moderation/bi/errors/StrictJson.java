package org.moderation.bi.errors;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

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
        // "communities":[null] is a hole nobody means, and code that takes the list trips on it.
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        // "amount":"7" is a string, "communities":[1] a number: a client that sends them has its types wrong, and
        // guessing hides that until the guess differs ("1e3", "0x1F", true as "true").
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape scalar : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        mapper.registerModule(new StrictText());
    }
}
