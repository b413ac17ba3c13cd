package org.moderation.bi.migrator.transform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Maps the two legacy {@code analysis} shapes to {@link Analysis}: v1 {@code {"score", "label"}} and v2
 * {@code {"model", "scores", "labels"}}. NULL and {@code {}} mean "no analysis"; anything else is malformed.
 */
public final class AnalysisMapper {

    static final String ANTISEMITISM = "antisemitism";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private AnalysisMapper() {
    }

    public static Optional<Analysis> map(String analysisJson) throws MalformedLegacyRow {
        if (analysisJson == null) {
            return Optional.empty();
        }
        JsonNode node = parse(analysisJson);
        if (node.isNull() || node.isObject() && node.isEmpty()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new MalformedLegacyRow("ANALYSIS_NOT_AN_OBJECT", "analysis is a JSON " + node.getNodeType());
        }
        if (node.has("model") || node.has("scores") || node.has("labels")) {
            return Optional.of(version2(node));
        }
        if (node.has("score") || node.has("label")) {
            return Optional.of(version1(node));
        }
        throw new MalformedLegacyRow("ANALYSIS_UNKNOWN_SHAPE", "analysis has neither v1 nor v2 keys: " + fieldNames(node));
    }

    private static Analysis version1(JsonNode node) throws MalformedLegacyRow {
        BigDecimal score = number(node.get("score"), "score");
        String label = text(node.get("label"), "label");
        return new Analysis(1, null, score, Map.of(), label == null ? List.of() : List.of(label.toLowerCase(Locale.ROOT)));
    }

    private static Analysis version2(JsonNode node) throws MalformedLegacyRow {
        String model = text(node.get("model"), "model");
        var scores = new LinkedHashMap<String, BigDecimal>();
        JsonNode scoresNode = node.get("scores");
        if (scoresNode != null && !scoresNode.isNull()) {
            if (!scoresNode.isObject()) {
                throw new MalformedLegacyRow("ANALYSIS_BAD_TYPE", "analysis.scores is not an object");
            }
            for (var field : scoresNode.properties()) {
                BigDecimal score = number(field.getValue(), "scores." + field.getKey());
                // A null score is no score: kept out of the map rather than recorded as a number.
                if (score != null) {
                    scores.put(field.getKey().toLowerCase(Locale.ROOT), score);
                }
            }
        }
        var labels = new ArrayList<String>();
        JsonNode labelsNode = node.get("labels");
        if (labelsNode != null && !labelsNode.isNull()) {
            if (!labelsNode.isArray()) {
                throw new MalformedLegacyRow("ANALYSIS_BAD_TYPE", "analysis.labels is not an array");
            }
            for (JsonNode label : labelsNode) {
                String text = text(label, "labels[]");
                if (text == null) {
                    throw new MalformedLegacyRow("ANALYSIS_BAD_TYPE", "analysis.labels holds a null");
                }
                labels.add(text.toLowerCase(Locale.ROOT));
            }
        }
        return new Analysis(2, model, scores.get(ANTISEMITISM), Map.copyOf(scores), List.copyOf(labels));
    }

    private static JsonNode parse(String json) throws MalformedLegacyRow {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedLegacyRow("ANALYSIS_NOT_JSON", "analysis is not valid JSON");
        }
    }

    private static BigDecimal number(JsonNode value, String field) throws MalformedLegacyRow {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new MalformedLegacyRow("ANALYSIS_BAD_TYPE", "analysis." + field + " is not a number");
        }
        return value.decimalValue();
    }

    private static String text(JsonNode value, String field) throws MalformedLegacyRow {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedLegacyRow("ANALYSIS_BAD_TYPE", "analysis." + field + " is not a string");
        }
        return value.textValue();
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
