package org.moderation.bi.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;

import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.moderation.bi.dashboard.support.ReadModelDatabase;
import org.moderation.bi.testsupport.OidcServer;

@QuarkusTest
@WithTestResource(ReadModelDatabase.class)
@WithTestResource(OidcServer.class)
class InstantJsonTest {

    @Inject
    ObjectMapper json;

    @Test
    void theServiceWritesInstantsWithItsOwnSerializer() throws Exception {
        assertThat(json.getSerializerProviderInstance().findTypedValueSerializer(Instant.class, true, null))
                .isInstanceOf(InstantJson.IsoText.class);
    }

    @Test
    void anInstantIsWrittenAsToStringWritesIt() throws Exception {
        var instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("0999-03-04T05:06:07Z"), Instant.parse("1969-12-31T23:59:59.9Z"),
                Instant.parse("2024-05-01T00:00:00.000001Z"), Instant.parse("2024-05-01T00:00:00.000000001Z"),
                Instant.parse("2024-05-01T00:00:00.010Z"), Instant.parse("2024-05-01T00:00:00.123456Z")));
        var random = new SplittableRandom(20261125);
        long yearZero = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long year10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(yearZero - 1_000, year10000 + 1_000);
            // Whole seconds, then a fraction of milli-, micro- and nanoseconds.
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant instant : instants) {
            assertThat(json.writeValueAsString(instant)).as("%s", instant).isEqualTo("\"" + instant + "\"");
        }
    }

    public record Dated(
            @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd", timezone = "UTC") Instant day,
            Instant at) {
    }

    @Test
    void timestampsAndAFormatOfAPropertyAreStillJacksonsOwn() throws Exception {
        var dated = new Dated(Instant.parse("2024-05-01T12:30:00Z"), Instant.parse("2024-05-01T12:30:00.5Z"));
        ObjectMapper customized = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new InstantJson().customize(customized);
        assertThat(customized.writeValueAsString(dated))
                .isEqualTo("{\"day\":\"2024-05-01\",\"at\":\"2024-05-01T12:30:00.500Z\"}");
        var properties = new HashMap<String, Object>();
        customized.getSerializerProviderInstance().findTypedValueSerializer(Dated.class, true, null).properties()
                .forEachRemaining(p -> properties.put(p.getName(), ((BeanPropertyWriter) p).getSerializer()));
        assertThat(properties.get("at")).isInstanceOf(InstantJson.IsoText.class);
        assertThat(properties.get("day")).isInstanceOf(InstantSerializer.class);

        customized.enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper jacksons = new ObjectMapper().registerModule(new JavaTimeModule())
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertThat(customized.writeValueAsString(dated.at())).isEqualTo(jacksons.writeValueAsString(dated.at()))
                .isEqualTo("1714566600.500000000");
    }
}
