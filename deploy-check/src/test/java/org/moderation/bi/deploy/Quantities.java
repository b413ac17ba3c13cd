package org.moderation.bi.deploy;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities, to compare requests with limits and one environment with another. */
final class Quantities {

    private static final Map<String, Long> MEMORY_SUFFIXES = Map.of(
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L);

    private Quantities() {
    }

    static long millicores(String cpu) {
        return cpu.endsWith("m")
                ? Long.parseLong(cpu.substring(0, cpu.length() - 1))
                : new BigDecimal(cpu).movePointRight(3).longValueExact();
    }

    static long bytes(String memory) {
        for (var suffix : MEMORY_SUFFIXES.entrySet()) {
            if (memory.endsWith(suffix.getKey())) {
                return Long.parseLong(memory.substring(0, memory.length() - suffix.getKey().length()))
                        * suffix.getValue();
            }
        }
        return Long.parseLong(memory);
    }
}
