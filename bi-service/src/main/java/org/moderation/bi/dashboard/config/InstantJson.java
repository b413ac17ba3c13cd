package org.moderation.bi.dashboard.config;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Instants are written as Jackson's own serializer writes them ({@link Instant#toString()}: ISO-8601 in UTC, with the
 * fraction of a second in groups of three digits where there is one), but from their fields rather than through a
 * {@code DateTimeFormatter}, which was most of the time Jackson spent writing a year of days (730 instants;
 * BENCHMARKS.md). Jackson's own serializer still writes timestamps where they are configured, a property with a
 * {@code @JsonFormat}, type ids, and the years outside 0000–9999, which toString writes with a sign.
 */
@Singleton
public class InstantJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("instants-as-iso-text").addSerializer(Instant.class, new IsoText()));
    }

    /**
     * Last: Quarkus registers JavaTimeModule in a customizer of its own, and of two modules that serialize instants
     * the one registered later is asked first.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    static final class IsoText extends StdSerializer<Instant> implements ContextualSerializer {

        private static final InstantSerializer JACKSONS = InstantSerializer.INSTANCE;
        /** 0000-01-01T00:00:00Z. */
        private static final long YEAR_0 = -62_167_219_200L;
        /** 10000-01-01T00:00:00Z. */
        private static final long YEAR_10000 = 253_402_300_800L;
        /** "9999-12-31T23:59:59.999999999Z". */
        private static final int LONGEST = 30;

        IsoText() {
            super(Instant.class);
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            JsonFormat.Value format = findFormatOverrides(provider, property, Instant.class);
            return JsonFormat.Value.empty().equals(format) ? this : JACKSONS.createContextual(provider, property);
        }

        @Override
        public void serialize(Instant instant, JsonGenerator json, SerializerProvider provider) throws IOException {
            long seconds = instant.getEpochSecond();
            if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS) || seconds < YEAR_0
                    || seconds >= YEAR_10000) {
                JACKSONS.serialize(instant, json, provider);
                return;
            }
            char[] text = new char[LONGEST];
            int length = write(LocalDateTime.ofEpochSecond(seconds, instant.getNano(), ZoneOffset.UTC), text);
            json.writeString(text, 0, length);
        }

        @Override
        public void serializeWithType(Instant instant, JsonGenerator json, SerializerProvider provider,
                TypeSerializer types) throws IOException {
            JACKSONS.serializeWithType(instant, json, provider, types);
        }

        private static int write(LocalDateTime time, char[] text) {
            digits(text, 0, time.getYear(), 4);
            text[4] = '-';
            digits(text, 5, time.getMonthValue(), 2);
            text[7] = '-';
            digits(text, 8, time.getDayOfMonth(), 2);
            text[10] = 'T';
            digits(text, 11, time.getHour(), 2);
            text[13] = ':';
            digits(text, 14, time.getMinute(), 2);
            text[16] = ':';
            digits(text, 17, time.getSecond(), 2);
            int end = 19;
            int nano = time.getNano();
            if (nano != 0) {
                text[end++] = '.';
                int groups = nano % 1_000_000 == 0 ? 1 : nano % 1_000 == 0 ? 2 : 3;
                int fraction = groups == 1 ? nano / 1_000_000 : groups == 2 ? nano / 1_000 : nano;
                digits(text, end, fraction, groups * 3);
                end += groups * 3;
            }
            text[end++] = 'Z';
            return end;
        }

        /** {@code value} as exactly {@code width} decimal digits from {@code at}, zero-padded on the left. */
        private static void digits(char[] text, int at, int value, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                text[i] = (char) ('0' + value % 10);
                value /= 10;
            }
        }
    }
}
